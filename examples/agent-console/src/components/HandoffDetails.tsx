import { useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/translator.js';

/** The server's limit (the API's): the form stops offering rows there. */
const DETAILS_MAX = 20;

/** One detail: a label and a value, both required once either is filled (the server needs both). */
function DetailRow({ n, onRemove }: { n: number; onRemove(): void }) {
  const { t } = useI18n();
  const [label, setLabel] = useState('');
  const [value, setValue] = useState('');
  const filled = label.trim() !== '' || value.trim() !== '';
  return (
    <div class="desk-detail">
      <input
        name="detailLabel"
        maxLength={60}
        required={filled}
        value={label}
        onInput={(event) => setLabel(event.currentTarget.value)}
        placeholder={t('desk.detailLabelExample')}
        aria-label={t('desk.detailLabel', { n })}
      />
      <input
        name="detailValue"
        maxLength={500}
        required={filled}
        value={value}
        onInput={(event) => setValue(event.currentTarget.value)}
        placeholder={t('desk.detailValueExample')}
        aria-label={t('desk.detailValue', { n })}
      />
      <button type="button" class="icon" aria-label={t('desk.removeDetail', { n })} onClick={onRemove}>
        ×
      </button>
    </div>
  );
}

/**
 * The details for the advisor: rows of a label and a value, added and removed (the focus goes to "Add
 * a detail" when a row goes). A new `key` empties them, once the form has made its link.
 *
 * @example
 * ```tsx
 * <HandoffDetails key={made} />
 * ```
 */
export function HandoffDetails() {
  const { t } = useI18n();
  const next = useRef(1);
  const add = useRef<HTMLButtonElement>(null);
  const [rows, setRows] = useState<number[]>([0]);
  return (
    <fieldset class="desk-details" aria-describedby="desk-details-hint">
      <legend>{t('desk.details')}</legend>
      <p id="desk-details-hint" class="hint">
        {t('desk.detailsHint')}
      </p>
      {rows.map((row, index) => (
        <DetailRow
          key={row}
          n={index + 1}
          onRemove={() => {
            setRows(rows.filter((other) => other !== row));
            add.current?.focus();
          }}
        />
      ))}
      {rows.length < DETAILS_MAX ? (
        <button ref={add} type="button" onClick={() => setRows([...rows, next.current++])}>
          {t('desk.addDetail')}
        </button>
      ) : null}
    </fieldset>
  );
}
