// The Koe mark: a few level bars in the accent colour. Drawn, not loaded, to keep the CSP simple.
export function Logo({ size = 22 }: { size?: number }) {
  return (
    <svg className="logo" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect x="1" y="1" width="22" height="22" rx="6" className="logo-bg" />
      <rect x="5.5" y="9" width="2" height="6" rx="1" className="logo-bar" />
      <rect x="9" y="6" width="2" height="12" rx="1" className="logo-bar" />
      <rect x="12.5" y="8" width="2" height="8" rx="1" className="logo-bar" />
      <rect x="16" y="10.5" width="2" height="3" rx="1" className="logo-bar" />
    </svg>
  );
}
