// The studio's icon set, shared by every screen: drawn here as SVG so the bundle carries no icon font
// and the CSP needs no external source. All take the current text colour and are hidden from screen
// readers (the button around them carries the label). A glyph drawn for one control only (the
// timeline's loop, ripple and gap buttons) stays beside that control.
import type { ReactElement } from 'react';

type IconProps = { size?: number };

function Svg({ size = 16, children }: IconProps & { children: ReactElement | ReactElement[] }) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export const PlayIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M4.5 2.8v10.4a.5.5 0 0 0 .76.43l8.3-5.2a.5.5 0 0 0 0-.86l-8.3-5.2a.5.5 0 0 0-.76.43z" fill="currentColor" stroke="none" />
  </Svg>
);

export const StopIcon = (p: IconProps) => (
  <Svg {...p}>
    <rect x="3.5" y="3.5" width="9" height="9" rx="1.2" fill="currentColor" stroke="none" />
  </Svg>
);

export const ScriptIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M3.5 1.75h6l3 3v9.5h-9z" />
    <path d="M6 7h4.5M6 9.5h4.5M6 12h3" />
  </Svg>
);

export const VoicesIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M2 6.5v3M4.75 4.5v7M7.5 2v12M10.25 5v6M13 6.75v2.5" />
  </Svg>
);

export const TimelineIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M2 4h6M6 8h7M3.5 12h5" />
    <path d="M1.5 2v12" opacity={0.55} />
  </Svg>
);

export const MicIcon = (p: IconProps) => (
  <Svg {...p}>
    <rect x="5.75" y="1.75" width="4.5" height="8" rx="2.25" />
    <path d="M3.5 7.75a4.5 4.5 0 0 0 9 0M8 12.25v2M5.75 14.25h4.5" />
  </Svg>
);

export const UploadIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M8 10.5V2.5M4.75 5.75 8 2.5l3.25 3.25M2.5 10.5v3h11v-3" />
  </Svg>
);

export const PronounceIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M2.5 3h7.5a2 2 0 0 1 2 2v3.5a2 2 0 0 1-2 2H6.5L3.5 13v-2.5h-1z" />
    <path d="M5 6.25h4.5M5 8h3" />
  </Svg>
);

export const ModelsIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M8 1.75 13.5 4.5v7L8 14.25 2.5 11.5v-7z" />
    <path d="M2.5 4.5 8 7.25l5.5-2.75M8 7.25v7" />
  </Svg>
);

export const SettingsIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M2 4h7M12 4h2M2 8h2M7 8h7M2 12h8M13 12h1" />
    <circle cx="10.5" cy="4" r="1.5" />
    <circle cx="5.5" cy="8" r="1.5" />
    <circle cx="11.5" cy="12" r="1.5" />
  </Svg>
);

export const ExportIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M8 2v8M4.75 6.75 8 10l3.25-3.25M2.5 11v2.5h11V11" />
  </Svg>
);

export const PlusIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M8 3v10M3 8h10" />
  </Svg>
);

export const SearchIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="7" cy="7" r="4.25" />
    <path d="m10.25 10.25 3.25 3.25" />
  </Svg>
);

export const CloseIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="m4 4 8 8M12 4l-8 8" />
  </Svg>
);

export const TrashIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M2.75 4.25h10.5M6.25 4.25V2.75h3.5v1.5M4.25 4.25l.6 9h6.3l.6-9" />
  </Svg>
);

export const KeyboardIcon = (p: IconProps) => (
  <Svg {...p}>
    <rect x="1.75" y="4" width="12.5" height="8" rx="1.5" />
    <path d="M4.5 6.75h.01M7 6.75h.01M9.5 6.75h.01M12 6.75h.01M5 9.5h6" />
  </Svg>
);

export const AlertIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M8 1.9 14.6 13.5H1.4z" />
    <path d="M8 6.25v3.25M8 11.6h.01" />
  </Svg>
);

export const StarIcon = (p: IconProps & { filled?: boolean }) => (
  <Svg size={p.size}>
    <path d="m8 1.9 1.85 3.9 4.25.5-3.15 2.9.85 4.2L8 11.3l-3.8 2.1.85-4.2L1.9 6.3l4.25-.5z" fill={p.filled ? 'currentColor' : 'none'} />
  </Svg>
);
