// Applies the theme setting to <html data-theme>. "system" follows the OS and keeps following it
// while the app is open.
import { useEffect } from 'react';
import { selectSettings } from '../store/selectors';
import { useStudio } from '../store/studio';

export function useTheme(): void {
  const theme = useStudio(selectSettings)?.theme ?? 'dark';
  useEffect(() => {
    const root = document.documentElement;
    if (theme !== 'system') {
      root.dataset.theme = theme;
      return;
    }
    const mq = window.matchMedia('(prefers-color-scheme: light)');
    const apply = () => (root.dataset.theme = mq.matches ? 'light' : 'dark');
    apply();
    mq.addEventListener('change', apply);
    return () => mq.removeEventListener('change', apply);
  }, [theme]);
}
