import type { ConsoleConversation } from '../console-model.js';
import { useI18n } from '../i18n/translator.js';

/**
 * The visitor's answer to the end-of-conversation survey: whether the problem was solved, the 1–5
 * rating and the thank-you note, as text. Nothing when the visitor has not answered.
 *
 * @example
 * ```tsx
 * <Feedback rating={conversation.rating} />
 * ```
 */
export function Feedback({ rating }: { rating: ConsoleConversation['rating'] }) {
  const { t } = useI18n();
  if (!rating) return null;
  return (
    <section class="feedback" aria-labelledby="feedback-heading">
      <h3 id="feedback-heading">{t('feedback.heading')}</h3>
      <dl>
        {rating.solved !== undefined && (
          <div>
            <dt>{t('feedback.solved')}</dt>
            <dd data-feedback="solved">{rating.solved ? t('feedback.yes') : t('feedback.no')}</dd>
          </div>
        )}
        {rating.score !== undefined && (
          <div>
            <dt>{t('feedback.rating')}</dt>
            <dd data-feedback="score">{rating.score} / 5</dd>
          </div>
        )}
        {rating.note !== undefined && (
          <div>
            <dt>{t('feedback.note')}</dt>
            <dd data-feedback="note">{rating.note}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
