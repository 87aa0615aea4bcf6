/**
 * The screens of the widget that the layout test measures and `npm run screens` photographs: how the
 * layout test page (layout-page.ts) reaches each one. Selectors are inside the widget's shadow root.
 */

/** How one screen is reached. */
export interface ScreenSetup {
  /** What one sentence says the screen shows (for test names and the screenshot table). */
  label: string;
  /** No conversation, the visitor's question waiting in the queue, or an agent who has joined and answered. */
  conversation: 'none' | 'queued' | 'agent';
  /** Shown once this matches. */
  waitFor: string;
  /** Then this is clicked… */
  click?: string;
  /** …and the screen is shown once this matches. */
  after?: string;
}

/** The agent's answer after the notice that they joined: the whole conversation is on screen. */
const ANSWERED = 'li.notice-row + li.group';

/**
 * Every screen, by name.
 *
 * @example
 * ```ts
 * for (const [name, setup] of Object.entries(SCREENS)) console.log(name, setup.label);
 * ```
 */
export const SCREENS = {
  launcher: { label: 'the launcher, panel closed', conversation: 'none', waitFor: 'button.launcher' },
  'launcher-label': {
    label: 'the launcher with the help icon and a label, panel closed',
    conversation: 'none',
    waitFor: 'button.launcher .launcher-label',
  },
  'launcher-faces': {
    label: 'who is there on the launcher: three faces and a label, panel closed',
    conversation: 'none',
    waitFor: 'button.launcher .launcher-faces',
  },
  proactive: {
    label: 'a proactive message above the launcher, panel closed',
    conversation: 'none',
    waitFor: '.proactive-text',
  },
  greeting: { label: 'the empty panel with the greeting', conversation: 'none', waitFor: '.log .greeting' },
  team: {
    label: 'who is there: three online agents with long first names and the usual reply time',
    conversation: 'none',
    waitFor: '.team .team-line',
  },
  'prechat-first': {
    label: 'the pre-chat form asked first, before the visitor writes',
    conversation: 'none',
    waitFor: 'form.form-card .form-submit',
  },
  handoff: {
    label: 'a handoff link that is not valid: why, under the greeting',
    conversation: 'none',
    waitFor: '.log .greeting + .notice',
  },
  offline: {
    label: 'away: when the team is back, the offline notice',
    conversation: 'none',
    waitFor: '.notice[data-offline]',
  },
  consent: { label: 'the consent notice', conversation: 'none', waitFor: '.consent-agree' },
  queue: { label: 'waiting in the queue', conversation: 'queued', waitFor: '.queue:not([hidden])' },
  conversation: {
    label: 'an agent with a long name and title has answered',
    conversation: 'agent',
    waitFor: ANSWERED,
  },
  'end-confirm': {
    label: '“End chat?” asked below the header',
    conversation: 'agent',
    waitFor: ANSWERED,
    click: '.header .end-chat',
    after: '.end-bar',
  },
  prechat: {
    label: 'a pre-chat form',
    conversation: 'agent',
    waitFor: 'form.form-card',
  },
  verification: {
    label: 'a verification form sent empty: its errors',
    conversation: 'agent',
    waitFor: 'form.form-card .form-submit',
    click: 'form.form-card .form-submit',
    after: '.form-error',
  },
  'new-messages': {
    label: 'the visitor reads above: a message came, “New messages” offered',
    conversation: 'agent',
    waitFor: '.jump',
  },
  notices: {
    label: 'notices: transferred, the agent left',
    conversation: 'agent',
    waitFor: 'li.notice-row ~ li.notice-row ~ li.notice-row',
  },
  'leave-message': {
    label: 'a leave-a-message form',
    conversation: 'agent',
    waitFor: 'form.form-card textarea',
  },
  survey: {
    label: 'the end survey',
    conversation: 'agent',
    waitFor: '.end form',
  },
  thanks: {
    label: 'the survey sent: thanks and the offer',
    conversation: 'agent',
    waitFor: '.end form .form-submit',
    click: '.end form .form-submit',
    after: '.end .offer .card',
  },
} as const satisfies Record<string, ScreenSetup>;

/** The name of a screen. */
export type Screen = keyof typeof SCREENS;
