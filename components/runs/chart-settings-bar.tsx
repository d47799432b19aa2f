"use client";

import type { TChartSettings } from "../charts/metric-chart-option";

export function ChartSettingsBar({
  settings,
  onChange,
}: {
  settings: TChartSettings;
  onChange: (s: TChartSettings) => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-4 text-sm">
      <label className="flex items-center gap-2">
        X axis
        <select
          className="rounded border border-slate-300 px-2 py-1"
          value={settings.xAxis}
          onChange={(e) => onChange({ ...settings, xAxis: e.target.value as TChartSettings["xAxis"] })}
        >
          <option value="step">Step</option>
          <option value="relative">Relative time</option>
          <option value="wall">Wall time</option>
        </select>
      </label>
      <label className="flex items-center gap-2">
        Smoothing
        <input
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={settings.smoothing}
          aria-valuetext={settings.smoothing.toFixed(2)}
          onChange={(e) => onChange({ ...settings, smoothing: Number(e.target.value) })}
        />
        <span className="w-8 tabular-nums text-slate-600">{settings.smoothing.toFixed(2)}</span>
      </label>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          checked={settings.isLogScale}
          onChange={(e) => onChange({ ...settings, isLogScale: e.target.checked })}
        />
        Log scale
      </label>
    </div>
  );
}
