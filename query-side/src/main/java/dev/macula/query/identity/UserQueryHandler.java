package dev.macula.query.identity;

import dev.macula.api.common.NameKey;
import dev.macula.api.identity.UserCredentials;
import dev.macula.api.identity.UserId;
import dev.macula.api.identity.UserQueries.FindCredentialsQuery;
import dev.macula.api.identity.UserQueries.FindUserQuery;
import dev.macula.api.identity.UserQueries.FindUsersQuery;
import dev.macula.api.identity.UserView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/** Answers user queries from {@code app_user} and {@code tag_star}. */
@Component
class UserQueryHandler {

    private static final String SELECT = """
            select u.id, u.username, u.role,
                   coalesce((select array_agg(s.tag_id order by s.tag_id) from tag_star s where s.user_id = u.id),
                            '{}') as starred
            from app_user u""";

    private final JdbcTemplate jdbc;

    UserQueryHandler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    UserView handle(FindUserQuery query) {
        return jdbc.query(SELECT + " where u.id = ?", UserQueryHandler::view, query.userId().value())
                .stream().findFirst().orElse(null);
    }

    @QueryHandler
    List<UserView> handle(FindUsersQuery query) {
        return jdbc.query(SELECT + " order by u.id", UserQueryHandler::view);
    }

    @QueryHandler
    UserCredentials handle(FindCredentialsQuery query) {
        return jdbc.query("""
                        select id, username, role, password_hash, legacy_password_hash
                        from app_user where username_key = ?""",
                (rs, i) -> new UserCredentials(UserId.of(rs.getLong("id")), rs.getString("username"),
                        (Integer) rs.getObject("role"), rs.getString("password_hash"),
                        rs.getString("legacy_password_hash")),
                NameKey.of(query.username())).stream().findFirst().orElse(null);
    }

    private static UserView view(ResultSet rs, int row) throws SQLException {
        Long[] starred = (Long[]) rs.getArray("starred").getArray();
        return new UserView(rs.getLong("id"), rs.getString("username"), (Integer) rs.getObject("role"),
                Arrays.asList(starred));
    }
}
