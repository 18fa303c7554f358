// Who gives consent is remembered for the next clone; the agreement itself is not: it is given
// again every time. Storage may be refused (private windows); then the name is asked again.
const WHO_KEY = 'koe.clone.who';

export function rememberedWho(): string {
  try {
    return localStorage.getItem(WHO_KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberWho(who: string): void {
  try {
    localStorage.setItem(WHO_KEY, who);
  } catch {
    // Not remembered; asked again next time.
  }
}
