// An ECharts canvas as a Preact component: created on mount, updated when the option changes, resized with
// its box, disposed on unmount; `label` describes it to screen readers (the table beside it has the numbers).
import { useEffect, useRef } from "preact/hooks";
import { type EChartsOption, echarts } from "./echarts.ts";

export function Chart({
  option,
  label,
  height = 320,
  onClick,
  testId,
}: {
  option: EChartsOption | null;
  label: string;
  height?: number;
  onClick?: (name: string) => void;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer: "canvas" });
    chart.current = instance;
    instance.on("click", (params: { name?: string }) => {
      if (params.name) click.current?.(params.name);
    });
    // Resize on the next frame, and never after dispose (a box can report a size while it is being removed).
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (!instance.isDisposed() && box.current?.isConnected && box.current.clientWidth > 0)
          instance.resize();
      });
    });
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (option) chart.current?.setOption(option, true);
  }, [option]);

  return (
    <div
      ref={box}
      class="chart"
      style={{ height: `${height}px` }}
      role="img"
      aria-label={label}
      data-testid={testId}
    />
  );
}
