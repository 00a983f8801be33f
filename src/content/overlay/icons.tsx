/** The clock of the panel, the pill and the chips (the extension icon's shape). */
export function ClockIcon({ size = 16 }: { size?: number }) {
  return (
    <svg class="clock" viewBox="0 0 16 16" width={size} height={size} aria-hidden="true">
      <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.5" />
      <path d="M8 4v4l2.5 1.5" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" />
    </svg>
  );
}
