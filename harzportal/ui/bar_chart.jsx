// The dashboards' horizontal bar chart (harzportal/ui/charts.py). Loaded with a dynamic import
// only where a chart is drawn, so the chart library (recharts) is a chunk of its own that no
// other page fetches.
import { createElement as h } from "react";
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const TICK = { fontSize: 11 };

export function HorizontalBarChart({ data, height = 300 }) {
  return h(ResponsiveContainer, { width: "100%", height },
    h(BarChart, { data, layout: "vertical", margin: { left: 0, right: 12, top: 4, bottom: 4 } },
      h(Bar, { dataKey: "value", fill: "var(--accent-9)", radius: [0, 4, 4, 0],
               isAnimationActive: false }),
      h(XAxis, { type: "number", allowDecimals: false, tick: TICK }),
      h(YAxis, { dataKey: "label", type: "category", width: 150, interval: 0, tick: TICK }),
      h(Tooltip, {
        cursor: { strokeWidth: 1, fill: "var(--gray-3)" },
        itemStyle: { color: "var(--gray-12)" },
        labelStyle: { color: "var(--gray-11)" },
        contentStyle: { background: "var(--gray-1)", borderColor: "var(--gray-4)",
                        borderRadius: "8px" },
      })));
}
