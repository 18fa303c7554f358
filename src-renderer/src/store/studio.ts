// The one store. Components read it through the module-level selectors in selectors.ts; actions
// write it with `set`. `resetStudio` puts it back to the start state (tests, switching data).
import { create } from 'zustand';
import { initialData, type StudioData } from './slices';

export const useStudio = create<StudioData>()(() => initialData());

export const getStudio = (): StudioData => useStudio.getState();

export function setStudio(partial: Partial<StudioData> | ((s: StudioData) => Partial<StudioData>)): void {
  useStudio.setState(partial);
}

export function resetStudio(): void {
  useStudio.setState(initialData(), true);
}
