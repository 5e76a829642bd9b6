package io.axle.command.document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.axle.command.GridFsChunkStream;
import org.bson.BsonObjectId;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.io.InputStream;
import java.util.Optional;

/**
 * Originals in the MongoDB GridFS bucket {@value #BUCKET} ({@code document_originals.files} and {@code .chunks}),
 * where the read models live: each copy a GridFS file named by the SHA-256 of its bytes, with its media type in the
 * metadata, written in chunks as the stream is read. Readers take the oldest copy, the one no upload ever removes.
 * A copy's id is a fresh {@link ObjectId}, never the hash: a GridFS upload that fails deletes the chunks of its id,
 * which must never be those of another upload of the same bytes.
 *
 * <p>An original is read back one chunk at a time ({@link GridFsChunkStream}), so that a reader holds one chunk, never
 * the file.
 */
public class GridFsOriginalStore implements OriginalStore {

    static final String BUCKET = "document_originals";
    /** 255 KiB, GridFS's usual chunk: what one upload holds in memory at a time. */
    private static final int CHUNK_SIZE = 255 * 1024;

    private final GridFSBucket bucket;
    private final MongoCollection<Document> chunks;

    public GridFsOriginalStore(MongoDatabase database) {
        this.bucket = GridFSBuckets.create(database, BUCKET).withChunkSizeBytes(CHUNK_SIZE);
        this.chunks = database.getCollection(BUCKET + ".chunks");
    }

    @Override
    public boolean contains(String sha256) {
        return oldest(sha256) != null;
    }

    @Override
    public String store(String sha256, String mediaType, InputStream bytes) {
        ObjectId id = new ObjectId();
        bucket.uploadFromStream(new BsonObjectId(id), sha256, bytes, new GridFSUploadOptions()
                .metadata(new Document("sha256", sha256).append("mediaType", mediaType)));
        return id.toHexString();
    }

    @Override
    public void discard(String sha256, String copyId) {
        ObjectId copy = new ObjectId(copyId);
        if (bucket.find(Filters.and(Filters.eq("filename", sha256), Filters.lt("_id", copy))).first() != null) {
            bucket.delete(copy);
        }
    }

    @Override
    public Optional<StoredOriginal> open(String sha256) {
        GridFSFile file = oldest(sha256);
        if (file == null) {
            return Optional.empty();
        }
        String mediaType = file.getMetadata() == null ? null : file.getMetadata().getString("mediaType");
        return Optional.of(new StoredOriginal(file.getLength(), mediaType, new GridFsChunkStream(chunks, file)));
    }

    private GridFSFile oldest(String sha256) {
        return bucket.find(Filters.eq("filename", sha256)).sort(Sorts.ascending("_id")).limit(1).first();
    }
}
