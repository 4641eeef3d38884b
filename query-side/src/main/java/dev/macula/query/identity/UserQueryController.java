package dev.macula.query.identity;

import dev.macula.api.identity.UserQueries.FindUsersQuery;
import dev.macula.api.identity.UserView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /api/users} (admins only, by the security configuration): every user in id order. */
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
}
