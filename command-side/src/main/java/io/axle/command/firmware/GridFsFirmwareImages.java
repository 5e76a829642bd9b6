package io.axle.command.firmware;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.axle.command.GridFsChunkStream;
import org.bson.BsonObjectId;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Images in the MongoDB GridFS bucket {@value #BUCKET} ({@code firmware_images.files} and {@code .chunks}), where the
 * read models live: each a GridFS file named by its firmware's id, hashed as it is written in chunks, its SHA-256 then
 * set in the file's metadata. A file without its hash (the store stopped between the two writes) is not served. Read
 * back one chunk at a time ({@link GridFsChunkStream}).
 */
public class GridFsFirmwareImages implements FirmwareImages {

    static final String BUCKET = "firmware_images";
    /** 255 KiB, GridFS's usual chunk: what one upload holds in memory at a time. */
    private static final int CHUNK_SIZE = 255 * 1024;

    private final GridFSBucket bucket;
    private final MongoCollection<Document> files;
    private final MongoCollection<Document> chunks;

    public GridFsFirmwareImages(MongoDatabase database) {
        this.bucket = GridFSBuckets.create(database, BUCKET).withChunkSizeBytes(CHUNK_SIZE);
        this.files = database.getCollection(BUCKET + ".files");
        this.chunks = database.getCollection(BUCKET + ".chunks");
    }

    @Override
    public StoredImage store(String firmwareId, InputStream bytes) {
        ObjectId id = new ObjectId();
        MessageDigest digest = sha256();
        bucket.uploadFromStream(new BsonObjectId(id), firmwareId, new DigestInputStream(bytes, digest),
                new GridFSUploadOptions().metadata(new Document("firmwareId", firmwareId)));
        String sha256 = HexFormat.of().formatHex(digest.digest());
        files.updateOne(Filters.eq("_id", id), Updates.set("metadata.sha256", sha256));
        GridFSFile stored = bucket.find(Filters.eq("_id", id)).first();
        return new StoredImage(sha256, stored == null ? 0 : stored.getLength());
    }

    @Override
    public Optional<Image> open(String firmwareId) {
        GridFSFile file = bucket.find(Filters.and(Filters.eq("filename", firmwareId),
                Filters.exists("metadata.sha256"))).sort(Sorts.ascending("_id")).limit(1).first();
        if (file == null) {
            return Optional.empty();
        }
        return Optional.of(new Image(file.getMetadata().getString("sha256"), file.getLength(),
                new GridFsChunkStream(chunks, file)));
    }

    @Override
    public void delete(String firmwareId) {
        List<GridFSFile> stored = bucket.find(Filters.eq("filename", firmwareId)).into(new ArrayList<>());
        for (GridFSFile file : stored) {
            bucket.delete(file.getId());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
