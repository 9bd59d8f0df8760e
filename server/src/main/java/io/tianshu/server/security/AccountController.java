package io.tianshu.server.security;

import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Account administration (admins only, enforced by the security configuration). */
@RestController
@RequestMapping("/api/admin/users")
class AccountController {

  private final AccountService accounts;

  AccountController(AccountService accounts) {
    this.accounts = accounts;
  }

  record NewAccount(String username, String displayName, String password, Set<Role> roles) {}

  @GetMapping
  List<UserView> list() {
    return accounts.list();
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  UserView create(@RequestBody NewAccount body) {
    return accounts.create(body.username(), body.displayName(), body.password(), body.roles());
  }

  @PostMapping("/{username}/disable")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void disable(@PathVariable String username) {
    accounts.setEnabled(username, false);
  }

  @PostMapping("/{username}/enable")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void enable(@PathVariable String username) {
    accounts.setEnabled(username, true);
  }
}
