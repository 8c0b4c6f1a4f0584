package account

// CreateAccountAliasInput is CreateAccountAlias' request.
type CreateAccountAliasInput struct {
	AccountAlias string
}

// CreateAccountAlias sets the account's alias. An account has one alias:
// a new one replaces the old, as in the AWS console. Aliases are unique
// across AWS; checking that is for whoever holds all the accounts.
func (a *Account) CreateAccountAlias(in CreateAccountAliasInput) error {
	if err := checkAlias(in.AccountAlias); err != nil {
		return err
	}
	a.s.alias = in.AccountAlias
	return nil
}

func checkAlias(alias string) error {
	var c checks
	if !aliasShape(alias) {
		if c.length(alias, "accountAlias", 3, 63) {
			c.add(alias, "accountAlias", "satisfy regular expression pattern: "+aliasPattern)
		}
		return c.err()
	}
	if isAccountID(alias) {
		return errorf(ErrInvalidInput, "An account alias cannot be a 12-digit number: %s.", alias)
	}
	return nil
}

// DeleteAccountAliasInput is DeleteAccountAlias' request.
type DeleteAccountAliasInput struct {
	AccountAlias string
}

// DeleteAccountAlias removes the alias; NoSuchEntity if it is not the
// account's alias.
func (a *Account) DeleteAccountAlias(in DeleteAccountAliasInput) error {
	if err := checkAlias(in.AccountAlias); err != nil {
		return err
	}
	if a.s.alias != in.AccountAlias {
		return errorf(ErrNoSuchEntity, "The account alias %s cannot be found.", in.AccountAlias)
	}
	a.s.alias = ""
	return nil
}

// ListAccountAliases lists the account's alias: none or one.
func (a *Account) ListAccountAliases() []string {
	if a.s.alias == "" {
		return []string{}
	}
	return []string{a.s.alias}
}
