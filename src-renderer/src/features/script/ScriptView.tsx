// The Script screen: the editor on the left; speakers and the spoken lines on the right.
import { ScriptEditor } from './ScriptEditor';
import { LineList } from './LineList';
import { SpeakersPanel } from './SpeakersPanel';
import { ChapterOutline } from './ChapterOutline';

export function ScriptView() {
  return (
    <div className="script-view">
      <section className="editor-pane" aria-label="Script editor">
        <div className="pane-head">
          <h1 className="pane-title">Script</h1>
          <span className="pane-hint">
            <code>Name: text</code> · <code>(direction)</code> · <code>[pause 800ms]</code> · <code># comment</code> · <code>## Chapter</code> ·{' '}
            <kbd>Ctrl+F</kbd> find · <kbd>Ctrl+L</kbd> go to line
          </span>
        </div>
        <ScriptEditor />
      </section>
      <aside className="side-pane" aria-label="Speakers and lines">
        <ChapterOutline />
        <SpeakersPanel />
        <LineList />
      </aside>
    </div>
  );
}
