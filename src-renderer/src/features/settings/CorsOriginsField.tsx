// The speech API's allowed browser origins (CORS), typed as a comma-separated list and saved when
// the field is left or Enter is pressed. Checked here first, so a mistyped origin is named beside
// the field instead of arriving as a settings error, and nothing is saved until the list is right.
import { useEffect, useState } from 'react';
import { isWebOrigin } from '../../../../src-main/contract/schemas';
import { updateSettings } from '../../store/library-actions';
import { Field } from './Field';

/** The list as typed into origins as browsers send them; a trailing slash and capitals are forgiven. */
function parse(text: string): { origins: string[]; bad: string | null } {
  const origins: string[] = [];
  for (const raw of text.split(/[\s,]+/)) {
    if (!raw) continue;
    const origin = raw.replace(/\/$/, '').toLowerCase();
    if (!isWebOrigin(origin)) return { origins, bad: raw };
    if (!origins.includes(origin)) origins.push(origin);
  }
  return { origins, bad: null };
}

export function CorsOriginsField({ origins }: { origins: readonly string[] }) {
  const saved = origins.join(', ');
  const [text, setText] = useState(saved);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(saved), [saved]);

  const commit = () => {
    const { origins: next, bad } = parse(text);
    if (bad !== null) {
      setError(bad === '*' ? 'List the pages to allow; "*" would let any web page use your key.' : `"${bad}" is not an origin: write it like https://app.example.com or http://localhost:3000, without a path.`);
      return;
    }
    setError(null);
    if (next.join(', ') !== saved) void updateSettings({ apiCorsOrigins: next });
    else setText(saved);
  };

  return (
    <>
      <Field label="Browser origins" hint="Web pages allowed to call the API from a browser (CORS), comma-separated. Empty: none." htmlFor="set-api-cors">
        <input
          id="set-api-cors"
          className="input api-cors-input"
          data-testid="settings-api-cors"
          placeholder="https://app.example.com"
          value={text}
          aria-invalid={error !== null}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
        />
      </Field>
      {error && (
        <p className="form-error small" role="alert" data-testid="settings-api-cors-error">
          {error}
        </p>
      )}
    </>
  );
}
