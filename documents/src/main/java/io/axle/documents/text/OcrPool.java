package io.axle.documents.text;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of Tesseract engines, each used by one worker thread at a time, reading scanned pages. Engines are
 * loaded up front so a missing language fails when the extractor is built, not on the first scan. At most two pages
 * per engine wait in memory: submitting blocks beyond that, which bounds the rendered images of a long PDF.
 */
final class OcrPool implements AutoCloseable {

    private final ExecutorService workers;
    private final BlockingQueue<TesseractEngine> engines;
    private final List<TesseractEngine> all = new ArrayList<>();
    private final Semaphore waiting;

    OcrPool(OcrSettings settings) {
        int size = settings.engines();
        engines = new ArrayBlockingQueue<>(size);
        try {
            for (int i = 0; i < size; i++) {
                TesseractEngine engine = new TesseractEngine(settings);
                all.add(engine);
                engines.add(engine);
            }
        } catch (RuntimeException e) {
            all.forEach(TesseractEngine::close);
            throw e;
        }
        waiting = new Semaphore(2 * size);
        workers = Executors.newFixedThreadPool(size, namedThreads());
    }

    private static ThreadFactory namedThreads() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory plain = Executors.defaultThreadFactory();
        return task -> {
            Thread thread = plain.newThread(task);
            thread.setName("axle-ocr-" + count.incrementAndGet());
            return thread;
        };
    }

    /**
     * Reads one scanned page: upright it, level it, recognise it.
     *
     * @param dpi the scan's resolution, 0 when unknown
     */
    Future<PageText> read(int number, BufferedImage scan, int dpi) throws InterruptedException {
        waiting.acquire();
        try {
            return workers.submit(() -> {
                try {
                    return readWithAnEngine(number, scan, dpi);
                } finally {
                    waiting.release();
                }
            });
        } catch (RuntimeException e) {
            waiting.release();
            throw e;
        }
    }

    private PageText readWithAnEngine(int number, BufferedImage scan, int dpi) throws InterruptedException {
        TesseractEngine engine = engines.take();
        try {
            BufferedImage grey = ScanGeometry.grey(scan);
            int turn = engine.uprightTurn(grey, dpi);
            BufferedImage upright = ScanGeometry.turn(grey, turn);
            double deskew = ScanGeometry.deskewAngle(upright);
            BufferedImage level = deskew == 0 ? upright : ScanGeometry.rotate(upright, deskew);
            TesseractEngine.Recognised recognised = engine.read(level, dpi);
            return new PageText(number, recognised.text().strip(), ExtractionMethod.OCR, recognised.confidence(),
                    turn, deskew);
        } finally {
            engines.add(engine);
        }
    }

    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
                workers.shutdownNow();
                return; // an engine may still be in use: leaking it beats freeing it under a running thread
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        all.forEach(TesseractEngine::close);
    }
}
