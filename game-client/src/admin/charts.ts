/** One small time chart of the console (uPlot): a filled line over the last minutes, redrawn on each feed event. */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const AXIS = { stroke: '#8c98b3', grid: { stroke: '#222c42', width: 1 }, ticks: { stroke: '#2a3650', width: 1 } };

export class TimeChart {
  private readonly plot: uPlot;

  constructor(
    parent: HTMLElement,
    label: string,
    color: string,
    format: (v: number) => string,
    width: number,
    minMax = 1,
  ) {
    this.plot = new uPlot(
      {
        width,
        height: 150,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(minMax, max * 1.2)] } },
        axes: [
          { ...AXIS, space: 60, values: (_u, ticks) => ticks.map((t) => new Date(t * 1000).toLocaleTimeString([], { minute: '2-digit', second: '2-digit' })) },
          { ...AXIS, size: 44, values: (_u, ticks) => ticks.map(format) },
        ],
        series: [{}, { label, stroke: color, width: 2, fill: `${color}33`, points: { show: false } }],
      },
      [[], []],
      parent,
    );
  }

  update(t: number[], values: number[]): void {
    this.plot.setData([t, values]);
  }

  resize(width: number): void {
    this.plot.setSize({ width, height: 150 });
  }

  destroy(): void {
    this.plot.destroy();
  }
}
