/**
 * The script of the layout test page (bundled by the test with esbuild): a widget mounted on a memory
 * chat server that runs in the page, brought to one screen (`?screen=`) in one locale (`?locale=`, `en-XA`
 * being the pseudo-locale) and theme (`?theme=`), and `window.__clavardLayout` for the test to read.
 */
import { createMemoryChatServer } from '@clavard/adapters/memory';
import type { FormField } from '@clavard/protocol';
import { mount, type WidgetHandle } from '@clavard/widget';
import { en } from '../../src/ui-core/locales/whole.js';
import { layoutProblems } from './layout-measure.js';
import { SCREENS, type Screen, type ScreenSetup } from './layout-screens.js';
import { PSEUDO_LOCALE, pseudoCatalogue, pseudoText } from './pseudo-locale.js';

/** What the test reads from the page. */
export interface LayoutApi {
  /** Settles once the screen is shown and its animations have finished; rejects with what went wrong. */
  ready: Promise<void>;
  /** The layout problems of the widget as laid out now. */
  problems(): string[];
}

declare global {
  interface Window {
    __clavardLayout?: LayoutApi;
  }
}

const params = new URL(location.href).searchParams;
const screen = (params.get('screen') ?? 'greeting') as Screen;
const locale = params.get('locale') ?? 'en';
const theme = (params.get('theme') ?? 'light') as 'light' | 'dark' | 'auto';

/** The texts the agent and the visitor write, in the page's language. */
const TEXTS = {
  en: {
    question: 'My bill is higher than usual this month. Can you tell me why?',
    answer: 'Of course! I can see a one-time installation fee. Could you confirm your postal code?',
    title: 'Senior advisor, customer service',
    reason: 'We check this before we look at your account.',
    name: 'Full name',
    email: 'Email address',
    topic: 'What is it about?',
    billing: 'Billing and payments',
    dob: 'Date of birth',
    postal: 'Postal code',
    account: 'Account number (on your bill)',
    copy: 'Send me a copy of this conversation',
    closing: 'Thank you for your patience, have a good evening!',
    message: 'Your message',
    offer: 'Fibre 1 Gbit: twice the speed',
    offerText: 'For $10 more a month, with the same modem.',
    launcher: 'Questions? Chat with us',
    proactive: 'Questions about our plans? Julie is online and happy to help.',
  },
  fr: {
    question: 'Ma facture est plus élevée que d’habitude ce mois-ci. Pouvez-vous m’expliquer pourquoi?',
    answer: 'Bien sûr! Je vois des frais d’installation uniques. Pouvez-vous confirmer votre code postal?',
    title: 'Conseillère principale, service à la clientèle',
    reason: 'Nous vérifions ces renseignements avant de consulter votre compte.',
    name: 'Nom complet',
    email: 'Adresse courriel',
    topic: 'De quoi s’agit-il?',
    billing: 'Facturation et paiements',
    dob: 'Date de naissance',
    postal: 'Code postal',
    account: 'Numéro de compte (sur votre facture)',
    copy: 'M’envoyer une copie de cette conversation',
    closing: 'Merci de votre patience, bonne soirée!',
    message: 'Votre message',
    offer: 'Fibre 1 Gbit/s : deux fois plus rapide',
    offerText: 'Pour 10 $ de plus par mois, avec le même modem.',
    launcher: 'Des questions? Écrivez-nous',
    proactive: 'Des questions sur nos forfaits? Julie est en ligne et heureuse de vous aider.',
  },
};

const texts: typeof TEXTS.en =
  locale === PSEUDO_LOCALE
    ? (Object.fromEntries(
        Object.entries(TEXTS.en).map(([key, text]) => [key, pseudoText(text)]),
      ) as typeof TEXTS.en)
    : locale.startsWith('fr')
      ? TEXTS.fr
      : TEXTS.en;

/** The longest real agent name and title the header must hold. */
const AGENT = { id: 'a1', firstName: 'Marie-Ève Tremblay-Lefebvre', title: texts.title };

/** The longest first names the team row must hold, one without a picture. */
const TEAM = [{ firstName: 'Marie-Ève' }, { firstName: 'Jean-François' }, { firstName: 'Anne-Sophie' }];

const field = (name: string, type: FormField['type'], label: string, more: Partial<FormField> = {}) =>
  ({ name, type, label, ...more }) as FormField;

/** The pre-chat form as a server asks it (first, or inside the conversation). */
const PRECHAT_FIELDS = [
  field('name', 'text', texts.name, { required: true }),
  field('email', 'email', texts.email, { required: true }),
  field('topic', 'select', texts.topic, { options: [{ value: 'billing', label: texts.billing }] }),
];

const server = createMemoryChatServer({
  heartbeatMs: 0,
  ...(screen === 'prechat-first' ? { prechat: { formId: 'pre-1', fields: PRECHAT_FIELDS } } : {}),
  availability:
    screen === 'offline'
      ? { online: false, nextOpenAt: '2031-01-06T13:00:00Z' }
      : screen === 'team' || screen === 'launcher-faces'
        ? { online: true, expectedWaitSeconds: 180, agents: TEAM }
        : { online: true },
});

// A handoff link (the memory server makes none: the widget says it is not valid).
if (screen === 'handoff') history.replaceState(null, '', `${location.href}&clavard=h_bm90LWEtY2FzZQ.c2ln`);

const widget: WidgetHandle = mount({
  transport: server.createTransport(),
  brand: { name: 'Fibre Nord' },
  locale,
  ...(locale === PSEUDO_LOCALE ? { messages: pseudoCatalogue(en) } : {}),
  theme,
  storage: false,
  open: !screen.startsWith('launcher') && screen !== 'proactive',
  ...(screen === 'launcher-label' ? { launcher: { icon: 'help', label: texts.launcher } } : {}),
  ...(screen === 'launcher-faces' ? { launcher: { faces: true, label: texts.launcher } } : {}),
  offer: { title: texts.offer, description: texts.offerText, url: 'https://fibre.example/gigabit' },
  ...(screen === 'proactive' ? { proactive: [{ id: 'plans', text: texts.proactive, afterSeconds: 0 }] } : {}),
  ...(screen === 'consent' ? { consent: { version: '1', policyUrl: 'https://fibre.example/privacy' } } : {}),
});

const host = document.querySelector('clavard-widget');
const root = host?.shadowRoot;
if (!root) throw new Error('no shadow root');

/** Resolves with the first element matching `selector` in the widget, once there is one. */
function element(selector: string): Promise<HTMLElement> {
  return new Promise((resolve) => {
    const look = (): boolean => {
      const found = root?.querySelector<HTMLElement>(selector);
      if (found) resolve(found);
      return found !== null && found !== undefined;
    };
    if (look()) return;
    const observer = new MutationObserver(() => look() && observer.disconnect());
    observer.observe(root as ShadowRoot, { childList: true, subtree: true, attributes: true });
  });
}

/** The visitor writes the question: resolves with the conversation's id once the server has it. */
function startConversation(): Promise<string> {
  return new Promise((resolve) => {
    const stop = server.on('message', (message) => {
      if (message.author.role !== 'visitor') return;
      stop();
      resolve(message.conversationId);
    });
    widget.send(texts.question);
  });
}

/** The server's side of `screen`: what the agent does once they have joined and answered. */
function agentActs(id: string): void {
  server.agents.join(id, AGENT);
  server.agents.send(id, AGENT.id, texts.answer);
  if (screen === 'prechat')
    server.agents.requestForm(id, {
      kind: 'prechat',
      fields: [...PRECHAT_FIELDS, field('copy', 'checkbox', texts.copy)],
    });
  if (screen === 'verification')
    server.agents.requestForm(id, {
      kind: 'verification',
      reason: texts.reason,
      fields: [
        field('dob', 'date', texts.dob, { required: true, sensitive: true }),
        field('postal', 'text', texts.postal, { required: true }),
        field('account', 'text', texts.account),
      ],
    });
  if (screen === 'notices') {
    server.agents.transfer(id, { id: 'a2', firstName: 'Jean-François', title: texts.title });
    server.agents.leave(id, 'a2');
  }
  if (screen === 'leave-message')
    server.agents.requestForm(id, {
      kind: 'offline',
      fields: [
        field('email', 'email', texts.email, { required: true }),
        field('message', 'textarea', texts.message, { required: true }),
      ],
    });
  if (screen === 'survey' || screen === 'thanks') server.agents.end(id, texts.closing);
  if (screen === 'new-messages')
    for (let index = 0; index < 12; index++) server.agents.send(id, AGENT.id, texts.answer);
}

/** The visitor scrolls back to the top of a long conversation, then the agent writes again. */
async function readAbove(id: string): Promise<void> {
  const log = await element('.log');
  const frame = (): Promise<number> => new Promise(requestAnimationFrame);
  // The answers drawn at the end: the list as long as it gets (the same height two frames in a row).
  for (let height = -1; height !== log.scrollHeight || log.scrollTop < 400; await frame())
    height = log.scrollHeight;
  log.scrollTop = 0;
  await frame();
  await frame();
  server.agents.send(id, AGENT.id, texts.closing);
}

/** Brings the widget to `screen`. */
async function show(): Promise<void> {
  const setup: ScreenSetup = SCREENS[screen];
  if (setup.conversation !== 'none') {
    const id = await startConversation();
    if (setup.conversation === 'agent') agentActs(id);
    if (screen === 'new-messages') await readAbove(id);
  }
  await element(setup.waitFor);
  if (setup.click !== undefined) (await element(setup.click)).click();
  if (setup.after !== undefined) await element(setup.after);
}

/** Every finite animation of the widget has finished (the panel's fade-in, a row's entrance). */
async function settled(): Promise<void> {
  await document.fonts.ready;
  await Promise.all(
    (root as ShadowRoot)
      .getAnimations()
      .filter((animation) => animation.effect?.getComputedTiming().iterations !== Number.POSITIVE_INFINITY)
      .map((animation) => animation.finished.catch(() => undefined)),
  );
}

window.__clavardLayout = {
  ready: show().then(settled),
  problems: () => layoutProblems(root as ShadowRoot),
};
