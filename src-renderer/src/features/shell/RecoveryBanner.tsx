// Tells the user, once per window, that opening the library found its write-ahead log damaged: the
// most recent saves may be missing, and where the damaged log was kept for recovery by hand. A
// passing notice would vanish before anyone read it; this stays until dismissed.
import { useState } from 'react';
import { selectInfo } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { AlertIcon, CloseIcon } from '../../ui/Icons';

export function RecoveryBanner() {
  const recovery = useStudio(selectInfo)?.libraryRecovery;
  const [dismissed, setDismissed] = useState(false);
  if (!recovery || dismissed) return null;
  return (
    <div className="banner banner-warn" role="alert" data-testid="recovery-banner">
      <AlertIcon />
      <span className="banner-text">
        <strong>The library was recovered.</strong> {recovery.message}
      </span>
      <button type="button" className="icon-btn" aria-label="Dismiss" onClick={() => setDismissed(true)}>
        <CloseIcon size={14} />
      </button>
    </div>
  );
}
