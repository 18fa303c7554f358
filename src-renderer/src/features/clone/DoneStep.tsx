// Step four: the new voice, ready. Its preview speaks the line the core chose for a new clone, and
// the voice can go straight to a speaker of the open script.
import type { CreatedVoice } from './clone-flow';
import { selectPreviewVoiceId } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { PlayIcon, StopIcon } from '../../ui/Icons';
import { playLineInVoice } from './clone-preview';
import { UseForSpeaker } from './UseForSpeaker';

interface Props {
  created: CreatedVoice;
  onAnother(): void;
  onShowVoices(): void;
}

export function DoneStep({ created, onAnother, onShowVoices }: Props) {
  const { voice, previewText, totalMs, warningsAccepted } = created;
  const previewing = useStudio(selectPreviewVoiceId) === voice.id;
  return (
    <div className="done-step" data-testid="clone-done" data-voice-id={voice.id}>
      <h2 className="step-title">
        “<span data-testid="clone-done-name">{voice.name}</span>” is ready
      </h2>
      <p className="muted small">
        Cloned in {(totalMs / 1000).toFixed(1)} s{warningsAccepted > 0 ? ` with ${warningsAccepted === 1 ? 'one accepted warning' : `${warningsAccepted} accepted warnings`} (kept in its quality report)` : ''}. It is in Voices and in every voice picker, like any other voice.
      </p>
      <blockquote className="preview-line">{previewText}</blockquote>
      <div className="done-actions">
        <button type="button" className={previewing ? 'btn is-on' : 'btn btn-primary'} data-testid="clone-done-preview" onClick={() => playLineInVoice(voice.id, previewText)}>
          {previewing ? <StopIcon size={12} /> : <PlayIcon size={12} />}
          <span>{previewing ? 'Stop' : 'Preview'}</span>
        </button>
        <UseForSpeaker voiceId={voice.id} voiceName={voice.name} testId="clone-done-use-for" />
        <button type="button" className="btn" data-testid="clone-show-voices" onClick={onShowVoices}>
          Show in Voices
        </button>
        <button type="button" className="btn btn-ghost" data-testid="clone-another" onClick={onAnother}>
          Clone another voice
        </button>
      </div>
    </div>
  );
}
