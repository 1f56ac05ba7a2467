import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  type ChartType,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';

// chart.js is the app's one chart library (the admin stats and the workout charts). Only what the
// charts use is registered, and this module is reached only from lazily loaded pages, so
// it never lands in the chat's or the login page's initial JS.
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Filler, Legend);
Chart.defaults.color = '#b5bac1';
Chart.defaults.borderColor = 'rgba(255,255,255,0.08)';

/** A canvas that draws `config`; new data updates the chart in place instead of redrawing it. */
export function ChartCanvas<T extends ChartType>({ config, label, className = 'h-64' }: { config: ChartConfiguration<T>; label: string; className?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<T> | null>(null);

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, config);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
    // The chart is made once; data changes go through the effect below.
  }, []);

  useEffect(() => {
    if (!chart.current) return;
    chart.current.data = config.data;
    chart.current.update('none');
  }, [config.data]);

  return (
    <div className={`relative ${className}`}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
