// The consent statement as the core words it (clone.consentText). The step shows exactly this text
// and sends it back with the clone, so the stored record says what the person saw.
import { useEffect, useState } from 'react';
import { call, errorMessage } from '../../client';

export function useConsentStatement(): { statement: string | null; statementError: string | null } {
  const [statement, setStatement] = useState<string | null>(null);
  const [statementError, setStatementError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('clone.consentText', {}).then(
      (r) => live && setStatement(r.statement),
      (e: unknown) => live && setStatementError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, []);
  return { statement, statementError };
}
