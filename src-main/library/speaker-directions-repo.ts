// SQL for a speaker's own meaning of a direction (speaker_directions, migration 012): Anna's
// `whispering` at −9 dB instead of the default. Rows only; which names are directions and what an
// effect may hold are checked by the caller against the vocabulary and the contract's schema.
import type { Database } from 'better-sqlite3';
import { DeliveryEffect, type SpeakerDirection } from '../contract/delivery-effect';
import { statementCache, type Prepare } from './statements';

export class SpeakerDirectionsRepo {
  private readonly sql: Prepare;

  constructor(readonly db: Database) {
    this.sql = statementCache(db);
  }

  /** Every override of a project, by speaker then direction. A row a newer build wrote that this one cannot read is skipped. */
  list(projectId: string): SpeakerDirection[] {
    const rows = this.sql('SELECT speaker, direction, effect FROM speaker_directions WHERE project_id = ? ORDER BY speaker, direction').all(projectId) as { speaker: string; direction: string; effect: string }[];
    const out: SpeakerDirection[] = [];
    for (const r of rows) {
      let raw: unknown;
      try {
        raw = JSON.parse(r.effect);
      } catch {
        continue;
      }
      const effect = DeliveryEffect.safeParse(raw);
      if (effect.success) out.push({ speaker: r.speaker, direction: r.direction, effect: effect.data });
    }
    return out;
  }

  /** Overrides by speaker, then by direction name: what a line's render params are made from. */
  bySpeaker(projectId: string): Map<string, Record<string, DeliveryEffect>> {
    const m = new Map<string, Record<string, DeliveryEffect>>();
    for (const d of this.list(projectId)) {
      let own = m.get(d.speaker);
      if (!own) m.set(d.speaker, (own = {}));
      own[d.direction] = d.effect;
    }
    return m;
  }

  /** Sets one speaker's effect for one direction; null puts the default back. */
  set(projectId: string, speaker: string, direction: string, effect: DeliveryEffect | null): void {
    if (effect === null) {
      this.sql('DELETE FROM speaker_directions WHERE project_id = ? AND speaker = ? AND direction = ?').run(projectId, speaker, direction);
      return;
    }
    this.sql('INSERT INTO speaker_directions (project_id, speaker, direction, effect) VALUES (?, ?, ?, ?) ON CONFLICT (project_id, speaker, direction) DO UPDATE SET effect = excluded.effect')
      .run(projectId, speaker, direction, JSON.stringify(effect));
  }
}
