package org.coophub.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** The users of this hub, from configuration, or made once for a first run of the default profile. */
final class UserDirectory {

    private static final Logger log = LoggerFactory.getLogger(UserDirectory.class);

    private UserDirectory() {
    }

    static InMemoryUserDetailsManager of(AccessProperties access, PasswordEncoder encoder, Path initialPasswords) {
        List<AccessProperties.User> users = access.users().isEmpty()
                ? initialUsers(encoder, initialPasswords) : access.users();
        List<UserDetails> details = new ArrayList<>();
        for (AccessProperties.User user : users) {
            details.add(User.withUsername(user.name()).password(user.passwordHash())
                    .roles(user.roles().stream().map(Role::name).toArray(String[]::new)).build());
        }
        return new InMemoryUserDetailsManager(details);
    }

    /**
     * Random passwords, written once to a file only the hub's user can read, so that a newcomer can log in and no
     * password is ever shipped in the repository. The file is reused on later starts.
     */
    private static List<AccessProperties.User> initialUsers(PasswordEncoder encoder, Path file) {
        try {
            if (!Files.exists(file)) {
                SecureRandom random = new SecureRandom();
                StringBuilder content = new StringBuilder("# generated at first start; configure coophub.access.users"
                        + " and delete this file\n");
                for (Role role : new Role[] {Role.ADMIN, Role.LIAISON, Role.VIEWER}) {
                    byte[] secret = new byte[12];
                    random.nextBytes(secret);
                    content.append(role.name().toLowerCase()).append(' ')
                            .append(Base64.getUrlEncoder().withoutPadding().encodeToString(secret)).append('\n');
                }
                Files.createDirectories(file.getParent());
                Files.writeString(file, content);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    log.debug("cannot restrict {} on this file system", file);
                }
            }
            List<AccessProperties.User> users = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+");
                users.add(new AccessProperties.User(parts[0], encoder.encode(parts[1]),
                        List.of(Role.valueOf(parts[0].toUpperCase()))));
            }
            log.warn("No users configured (coophub.access.users): log in as admin, liaison or viewer with the "
                    + "passwords in {}", file.toAbsolutePath());
            return users;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the initial users in " + file, e);
        }
    }
}
