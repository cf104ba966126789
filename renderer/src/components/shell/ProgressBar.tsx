// The one progress bar of the window (import, export, exchange, startup): a percentage when the
// work can be counted, else a moving indeterminate bar; with its label under it when given.
export interface ProgressBarProps {
  label: string;
  /** 0–100, or null while the amount of work is unknown. */
  percent: number | null;
  caption?: string;
  className?: string;
}

export function ProgressBar({ label, percent, caption, className }: ProgressBarProps) {
  const value = percent === null ? null : Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div className={`progress-wrap ${className ?? ''}`}>
      <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={value ?? undefined}>
        <div className={`progress-bar ${value === null ? 'is-indeterminate' : ''}`} style={value === null ? undefined : { width: `${value}%` }} />
      </div>
      {caption ? <span className="small muted">{caption}</span> : null}
    </div>
  );
}
