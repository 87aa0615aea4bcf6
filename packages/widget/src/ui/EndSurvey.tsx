import type { RatingInput } from '../headless/index.js';
import { agentDisplayName } from '../ui-core/agent-name.js';
import { Card } from './Card.js';
import { useWidget } from './context.js';
import { adoptExtrasStyles } from './extras-styles.js';
import { transcriptText } from './transcript.js';
import { useListeners } from './use-listeners.js';

const SCORES = [1, 2, 3, 4, 5] as const;
/** The longest note the survey takes. */
export const NOTE_MAX_LENGTH = 1000;

/** The choice ticked in the radio group `name` of `form`, if any. */
const ticked = (form: HTMLFormElement, name: string): string | undefined =>
  form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value;

/**
 * After the conversation has ended (by the agent or the visitor): "Was your problem solved?" (two buttons), a
 * 1–5 scale of large buttons (each a radio named in full, "1 – Very poor"), an optional note to the agent by first name, sent with `client.rate()`; then a thank-you,
 * and the organisation's offer when it has one (after the feedback, never before). The transcript can be
 * downloaded as plain text at any time; it holds no form answer.
 *
 * @example
 * ```tsx
 * <EndSurvey conversationId={conversation.id} />
 * ```
 */
export function EndSurvey({ conversationId }: { conversationId: string }) {
  const { client, translator, model, brand, offer, rated } = useWidget();
  const { t } = translator;
  const sent = model.rated.value === conversationId;
  // The agent who ended it, or the last one in charge: the note is addressed to them by first name.
  const agent = client.agent.value;
  const name = agent ? agentDisplayName(agent, '') : '';

  const formRef = useListeners<HTMLFormElement>({
    submit: (event, form) => {
      event.preventDefault();
      const rating: RatingInput = {};
      const solved = ticked(form, 'solved');
      if (solved !== undefined) rating.solved = solved === 'yes';
      const score = Number(ticked(form, 'score'));
      if (score >= 1 && score <= 5) rating.score = score as 1 | 2 | 3 | 4 | 5;
      const note = form.querySelector('textarea')?.value.trim() ?? '';
      if (note !== '') rating.note = note;
      client.rate(rating);
      rated(conversationId, rating);
      model.rated.value = conversationId;
      model.announce(t('end.thanks'));
    },
  });
  const downloadRef = useListeners<HTMLButtonElement>({
    click: (_event, button) => {
      const text = transcriptText(client.messages.peek(), { translator, organisation: brand.name });
      const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
      const link = button.ownerDocument.createElement('a');
      link.href = url;
      link.download = `transcript-${new Date().toISOString().slice(0, 10)}.txt`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 0);
    },
  });

  const id = `clavard-end-${conversationId.replace(/[^\w-]/g, '_')}`;
  return (
    <div ref={adoptExtrasStyles} className="form-card end">
      {sent ? (
        <p className="form-title" role="status">
          {t('end.thanks')}
        </p>
      ) : (
        <form ref={formRef} className="end-form" aria-labelledby={`${id}-title`}>
          <p className="form-title" id={`${id}-title`}>
            {t('end.title')}
          </p>
          {/* Radio groups drawn as buttons: arrow keys and screen readers work as for any radio group. */}
          <fieldset className="choices buttons">
            <legend className="form-label">{t('end.solved.question')}</legend>
            {(['yes', 'no'] as const).map((value) => (
              <label key={value} className="choice pill">
                <input type="radio" name="solved" value={value} />
                {t(`end.solved.${value}`)}
              </label>
            ))}
          </fieldset>
          <fieldset className="choices buttons scale">
            <legend className="form-label">{t('end.rating.label')}</legend>
            {SCORES.map((score) => (
              <label key={score} className="choice pill">
                <input type="radio" name="score" value={String(score)} />
                <span aria-hidden="true">{score}</span>
                <span className="sr">{t(`end.rating.${score}`)}</span>
              </label>
            ))}
            <p className="scale-ends" aria-hidden="true">
              <span>{t('end.rating.1')}</span>
              <span>{t('end.rating.5')}</span>
            </p>
          </fieldset>
          <div className="form-field">
            <label className="form-label" htmlFor={`${id}-note`}>
              {name === '' ? t('end.note.labelTeam') : t('end.note.label', { name })}
            </label>
            <textarea id={`${id}-note`} className="input form-input" rows={2} maxLength={NOTE_MAX_LENGTH} />
          </div>
          <button type="submit" className="send form-submit">
            {t('end.submit')}
          </button>
        </form>
      )}
      <button ref={downloadRef} type="button" className="secondary download">
        {t('end.transcript')}
      </button>
      {sent && offer !== undefined && (
        <section className="offer" aria-labelledby={`${id}-offer`}>
          <p className="form-label" id={`${id}-offer`}>
            {t('end.offer')}
          </p>
          <Card content={offer} locale={translator.locale} newTabLabel={t('link.newTab')} />
        </section>
      )}
    </div>
  );
}
