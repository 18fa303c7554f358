// The sidebar's Timeline icon: staggered clips on lanes, drawn like the shell's other 16 px icons.
export function TimelineIcon({ size = 16 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M2 4h6M6 8h7M3.5 12h5" />
      <path d="M1.5 2v12" opacity={0.55} />
    </svg>
  );
}
