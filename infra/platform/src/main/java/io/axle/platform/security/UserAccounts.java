package io.axle.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * People who may log in, kept in MongoDB with BCrypt password hashes; the username is the document id. User names are
 * unique regardless of case: each is claimed in lower case in a second collection whose id is that form, so that two
 * nodes creating {@code admin} and {@code Admin} at once cannot both succeed. Whether a token's user still exists is
 * cached for a few seconds per node. Each user may keep a preferred language for the UI, remembered across browsers.
 */
public class UserAccounts {

    static final String COLLECTION = "platform_users";
    static final String NAMES = "platform_usernames";
    static final Duration EXISTS_CACHE_TTL = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(UserAccounts.class);

    /** The languages the UI speaks, which a user may prefer. */
    public static final Set<String> LANGUAGES = Set.of("en", "fr");

    /** A user as shown to admins: never with its password hash; {@code language} is null until the user picks one. */
    public record UserAccount(String username, Set<String> roles, Instant createdAt, String language) {
    }

    private final MongoTemplate mongo;
    private final PasswordEncoder passwords;
    private final String unknownUserHash;
    private final Map<String, Instant> existing = new ConcurrentHashMap<>();

    public UserAccounts(MongoTemplate mongo, PasswordEncoder passwords) {
        this.mongo = mongo;
        this.passwords = passwords;
        this.unknownUserHash = passwords.encode(java.util.UUID.randomUUID().toString());
        claimExistingNames();
    }

    /** Users created before names were claimed get their claim (the first of two names equal but for case wins). */
    private void claimExistingNames() {
        for (Document user : mongo.find(new Query(), Document.class, COLLECTION)) {
            try {
                mongo.insert(new Document("_id", folded(user.getString("_id"))).append("username", user.getString("_id")),
                        NAMES);
            } catch (DuplicateKeyException alreadyClaimed) {
                // claimed before
            }
        }
    }

    private static String folded(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    /** Creates the user; {@code false} when the username is taken, in any case. */
    public boolean create(String username, String rawPassword, Collection<String> roles) {
        try {
            mongo.insert(new Document("_id", folded(username)).append("username", username), NAMES);
        } catch (DuplicateKeyException taken) {
            return false;
        }
        Set<String> normalized = new LinkedHashSet<>();
        roles.forEach(role -> normalized.add(Roles.normalize(role)));
        Document user = new Document("_id", username)
                .append("passwordHash", passwords.encode(rawPassword))
                .append("roles", new ArrayList<>(normalized))
                .append("createdAt", Date.from(Instant.now()));
        try {
            mongo.insert(user, COLLECTION);
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    /** Deletes the user and frees its name; its tokens stop working within a few seconds on every node. */
    public boolean delete(String username) {
        boolean deleted = mongo.remove(Query.query(Criteria.where("_id").is(username)), COLLECTION)
                .getDeletedCount() > 0;
        if (deleted) {
            mongo.remove(Query.query(Criteria.where("_id").is(folded(username))), NAMES);
        }
        existing.remove(username);
        return deleted;
    }

    /**
     * Gives the user exactly these roles; {@code false} when there is no such user. Tokens already issued keep the
     * roles they carry: the change takes effect on the user's next sign-in.
     */
    public boolean changeRoles(String username, Collection<String> roles) {
        Set<String> normalized = new LinkedHashSet<>();
        roles.forEach(role -> normalized.add(Roles.normalize(role)));
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(username)),
                Update.update("roles", new ArrayList<>(normalized)), COLLECTION).getMatchedCount() > 0;
    }

    /** Remembers the user's language (one of {@link #LANGUAGES}); {@code false} when there is no such user. */
    public boolean changeLanguage(String username, String language) {
        if (!LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("Unknown language " + language + "; known languages are " + LANGUAGES);
        }
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(username)),
                Update.update("language", language), COLLECTION).getMatchedCount() > 0;
    }

    /** The user, when there is one by that exact name. */
    public Optional<UserAccount> find(String username) {
        return Optional.ofNullable(username == null ? null : mongo.findById(username, Document.class, COLLECTION))
                .map(UserAccounts::toAccount);
    }

    /** Whether {@code username} still exists, as known at most a few seconds ago. */
    public boolean stillExists(String username) {
        if (username == null) {
            return false;
        }
        Instant now = Instant.now();
        Instant until = existing.get(username);
        if (until != null && until.isAfter(now)) {
            return true;
        }
        boolean found;
        try {
            found = exists(username);
        } catch (DataAccessException storeAway) {
            if (until != null) {
                // Known to exist a moment ago: a read store outage must not lock every signed-in user out.
                log.warn("Could not check that user {} still exists ({}); trusting the answer from before the read "
                        + "store went away", username, storeAway.getClass().getSimpleName());
                return true;
            }
            throw storeAway;
        }
        if (!found) {
            existing.remove(username);
            return false;
        }
        if (existing.size() > 10_000) {
            existing.clear();
        }
        existing.put(username, now.plus(EXISTS_CACHE_TTL));
        return true;
    }

    public boolean exists(String username) {
        return mongo.findById(username, Document.class, COLLECTION) != null;
    }

    /** The user when the password matches; a wrong password costs as much as an unknown user. */
    public Optional<UserAccount> authenticate(String username, String rawPassword) {
        Document user = username == null ? null : mongo.findById(username, Document.class, COLLECTION);
        if (user == null) {
            passwords.matches(rawPassword == null ? "" : rawPassword, unknownUserHash);
            return Optional.empty();
        }
        if (rawPassword == null || !passwords.matches(rawPassword, user.getString("passwordHash"))) {
            return Optional.empty();
        }
        return Optional.of(toAccount(user));
    }

    public List<UserAccount> list() {
        Query all = new Query().with(Sort.by("_id"));
        return mongo.find(all, Document.class, COLLECTION).stream().map(UserAccounts::toAccount).toList();
    }

    @SuppressWarnings("unchecked")
    private static UserAccount toAccount(Document user) {
        Date created = user.getDate("createdAt");
        return new UserAccount(user.getString("_id"), new LinkedHashSet<>((List<String>) user.get("roles")),
                created == null ? null : created.toInstant(), user.getString("language"));
    }
}
