// The lines under the Timeline toolbar: a passing message (a reload, a failed edit) to dismiss, the
// player's error, and why the timeline could not be loaded.
import { TransportError } from './Transport';
import { dismissMessage, useTimeline, type TimelineData } from './timeline-store';

const selectMessage = (s: TimelineData) => s.message;
const selectLoadError = (s: TimelineData) => s.loadError;

export function TimelineMessages() {
  const message = useTimeline(selectMessage);
  const loadError = useTimeline(selectLoadError);
  return (
    <>
      {message && (
        <div className={`tl-message is-${message.tone}`} role="status" data-testid="tl-message">
          <span>{message.text}</span>
          <button type="button" className="btn btn-small btn-ghost" onClick={dismissMessage}>
            Dismiss
          </button>
        </div>
      )}
      <TransportError />
      {loadError && (
        <div className="tl-message is-bad" role="alert">
          Could not load the timeline: {loadError}
        </div>
      )}
    </>
  );
}
