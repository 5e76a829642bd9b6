package io.axle.platform.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.crypto.password.PasswordEncoder;

/** People who may log in, kept in MongoDB with BCrypt password hashes; the username is the document id. */
public class UserAccounts {

    static final String COLLECTION = "platform_users";

    /** A user as shown to admins: never with its password hash. */
    public record UserAccount(String username, Set<String> roles, Instant createdAt) {
    }

    private final MongoTemplate mongo;
    private final PasswordEncoder passwords;
    private final String unknownUserHash;

    public UserAccounts(MongoTemplate mongo, PasswordEncoder passwords) {
        this.mongo = mongo;
        this.passwords = passwords;
        this.unknownUserHash = passwords.encode(java.util.UUID.randomUUID().toString());
    }

    /** Creates the user; {@code false} when the username is taken. */
    public boolean create(String username, String rawPassword, Collection<String> roles) {
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
                created == null ? null : created.toInstant());
    }
}
