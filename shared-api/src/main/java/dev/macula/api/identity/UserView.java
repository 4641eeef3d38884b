package dev.macula.api.identity;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** UserResponse (docs/api.md §3.0.13): {@code role} 1 = admin, null = annotator. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "username", "role", "starred_tags"})
public record UserView(long id, String username, @JsonInclude(JsonInclude.Include.ALWAYS) Integer role,
                       List<Long> starredTags) {

    public static final int ADMIN_ROLE = 1;

    @JsonIgnore
    public boolean isAdmin() {
        return role != null && role == ADMIN_ROLE;
    }
}
