package org.coophub.access;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may log in ({@code coophub.access.*}). Passwords are stored only as hashes ({@code {bcrypt}...}), and come from
 * the environment in production. With no users and {@code generate-initial-users} on (the default profile only), the
 * hub makes an admin, a liaison officer and a viewer with random passwords at first start and writes them to
 * {@code data/initial-passwords.txt}; in production a hub without users does not start.
 */
@Validated
@ConfigurationProperties("coophub.access")
public record AccessProperties(
        @Valid @DefaultValue List<User> users,
        @DefaultValue("false") boolean generateInitialUsers) {

    public record User(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._@-]{1,64}") String name,
            @NotBlank @Pattern(regexp = "\\{(bcrypt|argon2@SpringSecurity_v5_8|pbkdf2@SpringSecurity_v5_8|scrypt@SpringSecurity_v5_8)}.+",
                    message = "must be a password hash such as {bcrypt}$2a$10$..., never a plain password")
            String passwordHash,
            @NotEmpty List<Role> roles) {
    }

    public AccessProperties {
        users = List.copyOf(users);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < users.size(); i++) {
            if (!names.add(users.get(i).name())) {
                throw new IllegalArgumentException("coophub.access.users[" + i + "].name: " + users.get(i).name()
                        + " is listed twice");
            }
        }
        if (users.isEmpty() && !generateInitialUsers) {
            throw new IllegalArgumentException("coophub.access.users: no users configured; give each user a name, "
                    + "a password-hash ({bcrypt}...) and roles");
        }
    }
}
