package dev.arcadia.experiments.plot;

import dev.arcadia.env.util.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A learning-curve plot: each seed's curve as a thin line, the mean across seeds as a thick line with a band of
 * plus/minus one standard deviation, and optionally a horizontal reference line (a solve threshold or a published
 * figure). Curves are lists of (x, y) points; seeds are expected to share x values (periodic evaluations).
 */
public final class LearningCurve {

    private LearningCurve() {
    }

    /** Writes the plot as a PNG, atomically. */
    public static void writePng(Path file, String title, String xLabel, String yLabel, List<List<double[]>> seeds,
                                Double reference, String referenceLabel) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(520).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        int points = seeds.stream().mapToInt(List::size).min().orElse(0);
        for (int s = 0; s < seeds.size(); s++) {
            List<double[]> curve = seeds.get(s);
            if (curve.isEmpty()) {
                continue;
            }
            XYSeries series = chart.addSeries("seed " + s, xs(curve, curve.size()), ys(curve, curve.size()));
            series.setLineColor(new Color(150, 150, 150));
            series.setLineWidth(1f);
            series.setMarker(SeriesMarkers.NONE);
            series.setShowInLegend(s == 0);
            series.setLabel("seeds");
        }
        if (points > 0) {
            double[] x = xs(seeds.get(0), points);
            double[] mean = new double[points];
            double[] sd = new double[points];
            for (int i = 0; i < points; i++) {
                double sum = 0;
                for (List<double[]> c : seeds) {
                    sum += c.get(i)[1];
                }
                mean[i] = sum / seeds.size();
                double var = 0;
                for (List<double[]> c : seeds) {
                    var += (c.get(i)[1] - mean[i]) * (c.get(i)[1] - mean[i]);
                }
                sd[i] = seeds.size() > 1 ? Math.sqrt(var / (seeds.size() - 1)) : 0;
            }
            XYSeries m = chart.addSeries("mean ± sd over " + seeds.size() + " seeds", x, mean, sd);
            m.setLineColor(new Color(31, 119, 180));
            m.setLineWidth(3f);
            m.setMarker(SeriesMarkers.NONE);
            m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            chart.getStyler().setErrorBarsColor(new Color(31, 119, 180));
            if (reference != null) {
                XYSeries r = chart.addSeries(referenceLabel, new double[] {x[0], x[points - 1]},
                        new double[] {reference, reference});
                r.setLineColor(new Color(214, 39, 40));
                r.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
                r.setMarker(SeriesMarkers.NONE);
            }
        }
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(file, out -> out.write(png));
    }

    private static double[] xs(List<double[]> curve, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = curve.get(i)[0];
        }
        return x;
    }

    private static double[] ys(List<double[]> curve, int n) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = curve.get(i)[1];
        }
        return y;
    }
}
