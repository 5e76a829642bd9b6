package io.axle.command.firmware;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.axle.command.InMemoryMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The image store on the real MongoDB wire server: byte for byte, hashed as stored, found by firmware id. */
class GridFsFirmwareImagesTest {

    private final InMemoryMongo mongo = InMemoryMongo.start();
    private final MongoDatabase database = mongo.database();
    private final GridFsFirmwareImages images = new GridFsFirmwareImages(database);

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] read(InputStream stream) throws IOException {
        try (stream) {
            return stream.readAllBytes();
        }
    }

    @Test
    void anImageOfManyChunksIsStoredAndServedByteForByteWithItsHash() throws Exception {
        byte[] image = new byte[600 * 1024];
        new Random(14).nextBytes(image);

        FirmwareImages.StoredImage stored = images.store("fw-1", new ByteArrayInputStream(image));

        assertThat(stored).isEqualTo(new FirmwareImages.StoredImage(sha256(image), image.length));
        FirmwareImages.Image served = images.open("fw-1").orElseThrow();
        assertThat(served.sha256()).isEqualTo(sha256(image));
        assertThat(served.length()).isEqualTo(image.length);
        assertThat(read(served.bytes())).isEqualTo(image);
        assertThat(database.getCollection("firmware_images.chunks").countDocuments()).isEqualTo(3);
    }

    @Test
    void imagesAreKeptApartByFirmwareEvenWithTheSameBytes() throws Exception {
        byte[] image = {1, 2, 3};
        images.store("fw-1", new ByteArrayInputStream(image));
        images.store("fw-2", new ByteArrayInputStream(image));

        images.delete("fw-1");

        assertThat(images.open("fw-1")).isEmpty();
        assertThat(read(images.open("fw-2").orElseThrow().bytes())).isEqualTo(image);
        assertThat(database.getCollection("firmware_images.files").countDocuments()).isEqualTo(1);
    }

    @Test
    void deletingAnImageThatIsNotThereChangesNothing() {
        images.delete("fw-none");

        assertThat(images.open("fw-none")).isEmpty();
    }

    @Test
    void anImageWhoseHashWasNeverRecordedIsNotServed() throws Exception {
        images.store("fw-1", new ByteArrayInputStream(new byte[] {9}));
        database.getCollection("firmware_images.files").updateOne(Filters.eq("filename", "fw-1"),
                Updates.unset("metadata.sha256"));

        assertThat(images.open("fw-1")).isEmpty();
    }
}
