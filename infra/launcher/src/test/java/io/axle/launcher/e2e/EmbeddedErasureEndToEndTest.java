package io.axle.launcher.e2e;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The erasure scenarios on the one-process defaults: H2 file event store, embedded read store. H2 rewrites its file
 * after an erasure when Axle stops, so not even the destroyed key is left in it.
 */
class EmbeddedErasureEndToEndTest extends ErasureScenarios {

    @Override
    Map<String, String> storageProperties() {
        return Map.of();
    }

    @Override
    List<Path> eventStoreFiles(Path dataDir) {
        return files(dataDir, file -> file.getFileName().toString().startsWith("eventstore"));
    }

    @Override
    boolean destroyedKeysLeaveTheFiles() {
        return true;
    }
}
