// "Use for…": gives a voice to one of the open script's speakers, as the voice cards do.
import { useMemo } from 'react';
import { useRoster } from '../../store/selectors';
import { setSpeakerVoice } from '../../store/project-actions';
import { showNotice } from '../../store/ui-actions';

export function UseForSpeaker({ voiceId, voiceName, testId }: { voiceId: string; voiceName: string; testId?: string }) {
  const roster = useRoster();
  const speakers = useMemo(() => roster.filter((r) => r.inScript).map((r) => r.name), [roster]);
  if (speakers.length === 0) return null;
  return (
    <select
      className="select select-small"
      aria-label={`Use ${voiceName} for a speaker`}
      data-testid={testId}
      value=""
      onChange={(e) => {
        const speaker = e.target.value;
        if (!speaker) return;
        setSpeakerVoice(speaker, voiceId);
        showNotice(`${speaker} now speaks with ${voiceName}.`);
      }}
    >
      <option value="">Use for speaker…</option>
      {speakers.map((s) => (
        <option key={s} value={s}>
          {s}
        </option>
      ))}
    </select>
  );
}
