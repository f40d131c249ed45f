// Inline icons: no icon font or emoji font needed (headless browsers and some phones lack them).
const common = { width: 32, height: 32, viewBox: '0 0 24 24', 'aria-hidden': true } as const;

export function HeartIcon({ filled }: { filled: boolean }) {
  return (
    <svg {...common} fill={filled ? '#fe2c55' : '#fff'}>
      <path d="M12 21.35 10.55 20C5.4 15.36 2 12.28 2 8.5 2 5.42 4.42 3 7.5 3c1.74 0 3.41.81 4.5 2.09C13.09 3.81 14.76 3 16.5 3 19.58 3 22 5.42 22 8.5c0 3.78-3.4 6.86-8.55 11.54z" />
    </svg>
  );
}

export function CommentIcon() {
  return (
    <svg {...common} fill="#fff">
      <path d="M12 3C6.5 3 2 6.58 2 11c0 2.13 1.05 4.07 2.75 5.5L4 21l4.6-2.3c1.05.3 2.2.47 3.4.47 5.5 0 10-3.58 10-8S17.5 3 12 3zm-4 9.25a1.25 1.25 0 1 1 0-2.5 1.25 1.25 0 0 1 0 2.5zm4 0a1.25 1.25 0 1 1 0-2.5 1.25 1.25 0 0 1 0 2.5zm4 0a1.25 1.25 0 1 1 0-2.5 1.25 1.25 0 0 1 0 2.5z" />
    </svg>
  );
}

export function SoundIcon({ muted }: { muted: boolean }) {
  return (
    <svg {...common} fill="none" stroke="#fff" strokeWidth={2} strokeLinecap="round">
      <path d="M4 9h4l5-4v14l-5-4H4z" fill="#fff" />
      {muted ? (
        <path d="m17 9 5 6m0-6-5 6" />
      ) : (
        <path d="M17 8.5a5 5 0 0 1 0 7M19.5 6a8.5 8.5 0 0 1 0 12" />
      )}
    </svg>
  );
}
