package dev.macula.query.identity;

import dev.macula.api.common.ApiException;
import dev.macula.api.identity.UserId;
import dev.macula.api.identity.UserQueries.FindUserQuery;
import dev.macula.api.identity.UserQueries.FindUsersQuery;
import dev.macula.api.identity.UserView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code GET /api/users} (admins only, by the security configuration): every user in id order;
 * {@code GET /api/users/{id}}: one of them, in the same shape (also as of a moment, {@code ?as_of=}).
 */
@RestController
class UserQueryController {

    private final QueryGateway queries;

    UserQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/users")
    List<UserView> users() {
        return queries.query(new FindUsersQuery(), ResponseTypes.multipleInstancesOf(UserView.class)).join();
    }

    @GetMapping("/api/users/{user_id}")
    UserView user(@PathVariable("user_id") long id) {
        UserView user = id <= 0 ? null : queries.query(new FindUserQuery(UserId.of(id)),
                ResponseTypes.instanceOf(UserView.class)).join();
        if (user == null) {
            throw ApiException.notFound("User not found");
        }
        return user;
    }
}
