// Runs the quality checks on what would be cloned whenever the last report was voided (a new take,
// a new trim), after the edits settle, and hands the report to the flow. A reply for an older take
// is recognised by its sequence number and dropped by the reducer.
import { useEffect, type Dispatch } from 'react';
import { errorMessage } from '../../client';
import { checkSource } from './clone-actions';
import type { CheckState, FlowAction, Source } from './clone-flow';

/** Trim edits settle before the checks run again: dragging a handle sends many. */
const RECHECK_DELAY_MS = 350;

export function useSourceCheck(check: CheckState, source: Source, dispatch: Dispatch<FlowAction>): void {
  useEffect(() => {
    if (check.status !== 'idle') return;
    const seq = check.seq;
    const t = setTimeout(() => {
      dispatch({ type: 'check-started' });
      checkSource(source).then(
        (report) => dispatch({ type: 'check-done', seq, report }),
        (e: unknown) => dispatch({ type: 'check-failed', seq, message: errorMessage(e) }),
      );
    }, RECHECK_DELAY_MS);
    return () => clearTimeout(t);
  }, [check.seq, check.status, source, dispatch]);
}
