package io.axle.platform.storage;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The embedded MongoDB wire server's H2 storage, with two things a real MongoDB does that the plain backend does not:
 * <ul>
 *   <li>Every write command is committed to the file before it is answered (as MongoDB's journal does). H2's MVStore
 *   otherwise commits about once a second, so a process killed right after an acknowledged write — an idempotency
 *   record, a projection update whose tracking token is already committed — would lose it.</li>
 *   <li>A query that names one {@code _id} among other conditions (the projections' "update this document if its
 *   sequence is older") looks the document up by its id instead of scanning the whole collection.</li>
 * </ul>
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "createindexes",
            "drop", "dropindexes", "dropdatabase", "create", "renamecollection");

    DurableH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        Document answer = super.handleCommand(channel, database, command, query);
        if (WRITES.contains(command.toLowerCase(Locale.ROOT))) {
            commit();
        }
        return answer;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IdLookupDatabase(databaseName, getCursorRegistry());
    }

    /**
     * H2's database, opening collections that use the id index for queries naming one id. An inner class, because
     * H2Database opens collections from its own constructor, before a field of this class could be set.
     */
    private final class IdLookupDatabase extends H2Database {

        IdLookupDatabase(String databaseName, CursorRegistry cursorRegistry) {
            super(databaseName, getMvStore(), cursorRegistry);
        }

        /** The same maps as {@link H2Database#openOrCreateCollection}, so existing data is found unchanged. */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(collectionName);
            MVStore store = getMvStore();
            MVMap<Object, Document> data = store.openMap("databases." + namespace);
            MVMap<String, Object> meta = store.openMap("meta." + namespace);
            return new IdLookupCollection(this, collectionName, options, data, meta, cursorRegistry);
        }
    }

    private static final class IdLookupCollection extends H2Collection {

        private static final String ID = "_id";

        IdLookupCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                           MVMap<Object, Document> data, MVMap<String, Object> meta, CursorRegistry cursorRegistry) {
            super(database, collectionName, options, data, meta, cursorRegistry);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                             int batchSize, Document fieldSelector) {
            Object id = query.get(ID);
            if (query.size() > 1 && isPlainValue(id)) {
                Document byId = new Document(ID, id);
                for (Index<Object> index : getIndexes()) {
                    if (index.canHandle(byId)) {
                        return matchDocuments(query, index.getPositions(byId), orderBy, numberToSkip, limit,
                                batchSize, fieldSelector);
                    }
                }
            }
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        private static boolean isPlainValue(Object id) {
            return id != null && !(id instanceof Document) && !(id instanceof Collection<?>);
        }
    }
}
