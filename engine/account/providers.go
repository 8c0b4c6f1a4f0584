package account

import (
	"slices"
	"strings"
	"time"
)

// oidcProvider is an OpenID Connect identity provider registered in the
// account (id_roles_providers_create_oidc.md).
type oidcProvider struct {
	arn         string
	url         string // as given, with https://
	clientIDs   []string
	thumbprints []string
	created     time.Time
	tags        []Tag
}

// samlProvider is a SAML 2.0 identity provider. Its metadata document is
// kept as an opaque string.
type samlProvider struct {
	arn      string
	name     string
	metadata string
	created  time.Time
	tags     []Tag
}

// oidcHost returns the URL without its scheme, as the provider's ARN has
// it, after checking it: https://, a host, no port, no query or fragment.
func oidcHost(url string) (string, error) {
	var c checks
	c.length(url, "url", 1, maxOIDCURL)
	if err := c.err(); err != nil {
		return "", err
	}
	rest, ok := strings.CutPrefix(url, "https://")
	if !ok {
		return "", errorf(ErrInvalidInput, "The URL %s must begin with https://.", url)
	}
	host, _, _ := strings.Cut(rest, "/")
	switch {
	case host == "":
		return "", errorf(ErrInvalidInput, "The URL %s has no host.", url)
	case strings.ContainsAny(rest, "?#"):
		return "", errorf(ErrInvalidInput, "The URL %s may not have a query or a fragment.", url)
	case strings.Contains(host, ":"):
		return "", errorf(ErrInvalidInput, "The URL %s may not have a port.", url)
	case strings.ContainsAny(rest, " \t\r\n"):
		return "", errorf(ErrInvalidInput, "The URL %s may not contain white space.", url)
	}
	return strings.TrimSuffix(rest, "/"), nil
}

func (a *Account) checkClientIDs(ids []string) ([]string, error) {
	var c checks
	for i, id := range ids {
		c.length(id, "clientIDList."+itoa(i+1), 1, maxClientID)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	var out []string
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	if len(out) > a.s.quotas.ClientIDsPerOIDC {
		return nil, quotaError("ClientIDsPerOpenIdConnectProvider", a.s.quotas.ClientIDsPerOIDC)
	}
	return out, nil
}

func (a *Account) checkThumbprints(tps []string) ([]string, error) {
	var c checks
	for i, tp := range tps {
		c.length(tp, "thumbprintList."+itoa(i+1), thumbprintLen, thumbprintLen)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	for _, tp := range tps {
		for j := 0; j < len(tp); j++ {
			if !strings.ContainsRune("0123456789abcdefABCDEF", rune(tp[j])) {
				return nil, errorf(ErrInvalidInput, "Thumbprint %s is not 40 hexadecimal digits.", tp)
			}
		}
	}
	if len(tps) > a.s.quotas.ThumbprintsPerOIDC {
		return nil, errorf(ErrInvalidInput, "Thumbprint list must contain at most %d thumbprints.", a.s.quotas.ThumbprintsPerOIDC)
	}
	return slices.Clone(tps), nil
}

// CreateOpenIDConnectProviderInput is CreateOpenIDConnectProvider's
// request.
type CreateOpenIDConnectProviderInput struct {
	Url            string
	ClientIDList   []string
	ThumbprintList []string
	Tags           []Tag
}

// CreateOpenIDConnectProviderOutput is CreateOpenIDConnectProvider's
// response.
type CreateOpenIDConnectProviderOutput struct {
	OpenIDConnectProviderArn string
	Tags                     []Tag `json:",omitempty"`
}

// CreateOpenIDConnectProvider registers an OIDC provider: its URL (its ARN
// is arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH), its client IDs
// (audiences, duplicates dropped) and its certificate thumbprints
// (optional: AWS can find them itself). A URL registered already is
// EntityAlreadyExists.
func (a *Account) CreateOpenIDConnectProvider(in CreateOpenIDConnectProviderInput) (*CreateOpenIDConnectProviderOutput, error) {
	host, err := oidcHost(in.Url)
	if err != nil {
		return nil, err
	}
	ids, err := a.checkClientIDs(in.ClientIDList)
	if err != nil {
		return nil, err
	}
	tps, err := a.checkThumbprints(in.ThumbprintList)
	if err != nil {
		return nil, err
	}
	tags, err := a.newTags(in.Tags, false, "OpenIDConnectProvider")
	if err != nil {
		return nil, err
	}
	arn := "arn:aws:iam::" + a.s.id + ":oidc-provider/" + host
	for k := range a.s.oidc {
		if strings.EqualFold(k, arn) {
			return nil, errorf(ErrEntityAlreadyExists, "Provider with url %s already exists.", in.Url)
		}
	}
	if len(a.s.oidc) >= a.s.quotas.OIDCProviders {
		return nil, quotaError("OpenIdConnectProvidersPerAccount", a.s.quotas.OIDCProviders)
	}
	a.s.oidc[arn] = &oidcProvider{arn: arn, url: in.Url, clientIDs: ids, thumbprints: tps, created: a.now(), tags: tags}
	return &CreateOpenIDConnectProviderOutput{OpenIDConnectProviderArn: arn, Tags: sortedTags(tags)}, nil
}

func (a *Account) lookupOIDC(arn string) (*oidcProvider, error) {
	var c checks
	c.arn(arn, "openIDConnectProviderArn")
	if err := c.err(); err != nil {
		return nil, err
	}
	if !strings.HasPrefix(arn, "arn:") || !strings.Contains(arn, ":oidc-provider/") {
		return nil, errorf(ErrInvalidInput, "ARN %s is not valid.", arn)
	}
	p := a.s.oidc[arn]
	if p == nil {
		return nil, errorf(ErrNoSuchEntity, "OpenIDConnect Provider not found for arn %s", arn)
	}
	return p, nil
}

// OpenIDConnectProviderInput names an OIDC provider by ARN.
type OpenIDConnectProviderInput struct {
	OpenIDConnectProviderArn string
}

// GetOpenIDConnectProviderOutput is GetOpenIDConnectProvider's response;
// tags are sorted by key.
type GetOpenIDConnectProviderOutput struct {
	Url            string
	ClientIDList   []string
	ThumbprintList []string
	CreateDate     time.Time
	Tags           []Tag `json:",omitempty"`
}

// GetOpenIDConnectProvider returns an OIDC provider. Url is without
// https://, as IAM returns it.
func (a *Account) GetOpenIDConnectProvider(in OpenIDConnectProviderInput) (*GetOpenIDConnectProviderOutput, error) {
	p, err := a.lookupOIDC(in.OpenIDConnectProviderArn)
	if err != nil {
		return nil, err
	}
	return &GetOpenIDConnectProviderOutput{
		Url: strings.TrimPrefix(p.url, "https://"), ClientIDList: append([]string{}, p.clientIDs...),
		ThumbprintList: append([]string{}, p.thumbprints...), CreateDate: p.created, Tags: sortedTags(p.tags),
	}, nil
}

// DeleteOpenIDConnectProvider deletes an OIDC provider. Roles that trust it
// are not changed.
func (a *Account) DeleteOpenIDConnectProvider(in OpenIDConnectProviderInput) error {
	p, err := a.lookupOIDC(in.OpenIDConnectProviderArn)
	if err != nil {
		return err
	}
	delete(a.s.oidc, p.arn)
	return nil
}

// ProviderListEntry is an OIDC or SAML provider in a list.
type ProviderListEntry struct {
	Arn        string
	CreateDate time.Time `json:",omitempty"`
}

// ListOpenIDConnectProviders lists the OIDC providers by ARN.
func (a *Account) ListOpenIDConnectProviders() []ProviderListEntry {
	out := []ProviderListEntry{}
	for _, p := range a.s.oidc {
		out = append(out, ProviderListEntry{Arn: p.arn})
	}
	slices.SortFunc(out, func(x, y ProviderListEntry) int { return strings.Compare(x.Arn, y.Arn) })
	return out
}

// OpenIDConnectProviderClientIDInput is the request of
// AddClientIDToOpenIDConnectProvider and
// RemoveClientIDFromOpenIDConnectProvider.
type OpenIDConnectProviderClientIDInput struct {
	OpenIDConnectProviderArn string
	ClientID                 string
}

// AddClientIDToOpenIDConnectProvider adds an audience; adding one already
// there does nothing.
func (a *Account) AddClientIDToOpenIDConnectProvider(in OpenIDConnectProviderClientIDInput) error {
	p, err := a.lookupOIDC(in.OpenIDConnectProviderArn)
	if err != nil {
		return err
	}
	ids, err := a.checkClientIDs(append(slices.Clone(p.clientIDs), in.ClientID))
	if err != nil {
		return err
	}
	p.clientIDs = ids
	return nil
}

// RemoveClientIDFromOpenIDConnectProvider removes an audience; removing
// one that is not there does nothing.
func (a *Account) RemoveClientIDFromOpenIDConnectProvider(in OpenIDConnectProviderClientIDInput) error {
	var c checks
	c.length(in.ClientID, "clientID", 1, maxClientID)
	if err := c.err(); err != nil {
		return err
	}
	p, err := a.lookupOIDC(in.OpenIDConnectProviderArn)
	if err != nil {
		return err
	}
	p.clientIDs = slices.DeleteFunc(slices.Clone(p.clientIDs), func(s string) bool { return s == in.ClientID })
	return nil
}

// UpdateOpenIDConnectProviderThumbprintInput is
// UpdateOpenIDConnectProviderThumbprint's request.
type UpdateOpenIDConnectProviderThumbprintInput struct {
	OpenIDConnectProviderArn string
	ThumbprintList           []string
}

// UpdateOpenIDConnectProviderThumbprint replaces the thumbprint list.
func (a *Account) UpdateOpenIDConnectProviderThumbprint(in UpdateOpenIDConnectProviderThumbprintInput) error {
	p, err := a.lookupOIDC(in.OpenIDConnectProviderArn)
	if err != nil {
		return err
	}
	tps, err := a.checkThumbprints(in.ThumbprintList)
	if err != nil {
		return err
	}
	p.thumbprints = tps
	return nil
}

// TagOpenIDConnectProviderInput is TagOpenIDConnectProvider's request.
type TagOpenIDConnectProviderInput struct {
	OpenIDConnectProviderArn string
	Tags                     []Tag
}

// TagOpenIDConnectProvider adds or replaces tags; keys are case-sensitive.
func (a *Account) TagOpenIDConnectProvider(in TagOpenIDConnectProviderInput) error {
	p, err := a.lookupOIDC(in.OpenIDConnectProviderArn)
	if err != nil {
		return err
	}
	tags, err := a.tagResource(p.tags, in.Tags, false, "OpenIDConnectProvider")
	if err != nil {
		return err
	}
	p.tags = tags
	return nil
}

// UntagOpenIDConnectProviderInput is UntagOpenIDConnectProvider's request.
type UntagOpenIDConnectProviderInput struct {
	OpenIDConnectProviderArn string
	TagKeys                  []string
}

// UntagOpenIDConnectProvider removes tags.
func (a *Account) UntagOpenIDConnectProvider(in UntagOpenIDConnectProviderInput) error {
	p, err := a.lookupOIDC(in.OpenIDConnectProviderArn)
	if err != nil {
		return err
	}
	if err := checkTagKeys(in.TagKeys, "tagKeys"); err != nil {
		return err
	}
	p.tags = removeTags(p.tags, in.TagKeys, false)
	return nil
}

// ListOpenIDConnectProviderTags lists an OIDC provider's tags by key.
func (a *Account) ListOpenIDConnectProviderTags(in OpenIDConnectProviderInput) (*ListTagsOutput, error) {
	p, err := a.lookupOIDC(in.OpenIDConnectProviderArn)
	if err != nil {
		return nil, err
	}
	return &ListTagsOutput{Tags: sortedTags(p.tags)}, nil
}

// CreateSAMLProviderInput is CreateSAMLProvider's request.
type CreateSAMLProviderInput struct {
	SAMLMetadataDocument string
	Name                 string
	Tags                 []Tag
}

// CreateSAMLProviderOutput is CreateSAMLProvider's response.
type CreateSAMLProviderOutput struct {
	SAMLProviderArn string
	Tags            []Tag `json:",omitempty"`
}

func checkSAMLMetadata(c *checks, doc string) {
	c.length(doc, "sAMLMetadataDocument", minSAMLMetadata, maxSAMLMetadata)
}

// CreateSAMLProvider registers a SAML provider, its ARN
// arn:aws:iam::ACCOUNT:saml-provider/NAME. The metadata document is kept as
// given and not read. Names are unique ignoring case.
func (a *Account) CreateSAMLProvider(in CreateSAMLProviderInput) (*CreateSAMLProviderOutput, error) {
	var c checks
	if !validSAMLName(in.Name) {
		if c.length(in.Name, "name", 1, maxSAMLName) {
			c.add(in.Name, "name", "satisfy regular expression pattern: "+samlNamePattern)
		}
	}
	checkSAMLMetadata(&c, in.SAMLMetadataDocument)
	if err := c.err(); err != nil {
		return nil, err
	}
	tags, err := a.newTags(in.Tags, false, "SAMLProvider")
	if err != nil {
		return nil, err
	}
	arn := "arn:aws:iam::" + a.s.id + ":saml-provider/" + in.Name
	for _, p := range a.s.saml {
		if strings.EqualFold(p.name, in.Name) {
			return nil, errorf(ErrEntityAlreadyExists, "SAMLProvider %s already exists.", in.Name)
		}
	}
	if len(a.s.saml) >= a.s.quotas.SAMLProviders {
		return nil, quotaError("SAMLProvidersPerAccount", a.s.quotas.SAMLProviders)
	}
	a.s.saml[arn] = &samlProvider{arn: arn, name: in.Name, metadata: in.SAMLMetadataDocument, created: a.now(), tags: tags}
	return &CreateSAMLProviderOutput{SAMLProviderArn: arn, Tags: sortedTags(tags)}, nil
}

func (a *Account) lookupSAML(arn string) (*samlProvider, error) {
	var c checks
	c.arn(arn, "sAMLProviderArn")
	if err := c.err(); err != nil {
		return nil, err
	}
	if !strings.HasPrefix(arn, "arn:") || !strings.Contains(arn, ":saml-provider/") {
		return nil, errorf(ErrInvalidInput, "ARN %s is not valid.", arn)
	}
	p := a.s.saml[arn]
	if p == nil {
		return nil, errorf(ErrNoSuchEntity, "Manifest not found for arn %s", arn)
	}
	return p, nil
}

// SAMLProviderInput names a SAML provider by ARN.
type SAMLProviderInput struct {
	SAMLProviderArn string
}

// GetSAMLProviderOutput is GetSAMLProvider's response.
type GetSAMLProviderOutput struct {
	SAMLMetadataDocument string
	CreateDate           time.Time
	Tags                 []Tag `json:",omitempty"`
}

// GetSAMLProvider returns a SAML provider's metadata document.
func (a *Account) GetSAMLProvider(in SAMLProviderInput) (*GetSAMLProviderOutput, error) {
	p, err := a.lookupSAML(in.SAMLProviderArn)
	if err != nil {
		return nil, err
	}
	return &GetSAMLProviderOutput{SAMLMetadataDocument: p.metadata, CreateDate: p.created, Tags: sortedTags(p.tags)}, nil
}

// UpdateSAMLProviderInput is UpdateSAMLProvider's request.
type UpdateSAMLProviderInput struct {
	SAMLProviderArn      string
	SAMLMetadataDocument string
}

// UpdateSAMLProvider replaces a SAML provider's metadata document.
func (a *Account) UpdateSAMLProvider(in UpdateSAMLProviderInput) error {
	var c checks
	checkSAMLMetadata(&c, in.SAMLMetadataDocument)
	if err := c.err(); err != nil {
		return err
	}
	p, err := a.lookupSAML(in.SAMLProviderArn)
	if err != nil {
		return err
	}
	p.metadata = in.SAMLMetadataDocument
	return nil
}

// DeleteSAMLProvider deletes a SAML provider.
func (a *Account) DeleteSAMLProvider(in SAMLProviderInput) error {
	p, err := a.lookupSAML(in.SAMLProviderArn)
	if err != nil {
		return err
	}
	delete(a.s.saml, p.arn)
	return nil
}

// ListSAMLProviders lists the SAML providers by ARN.
func (a *Account) ListSAMLProviders() []ProviderListEntry {
	out := []ProviderListEntry{}
	for _, p := range a.s.saml {
		out = append(out, ProviderListEntry{Arn: p.arn, CreateDate: p.created})
	}
	slices.SortFunc(out, func(x, y ProviderListEntry) int { return strings.Compare(x.Arn, y.Arn) })
	return out
}

// TagSAMLProviderInput is TagSAMLProvider's request.
type TagSAMLProviderInput struct {
	SAMLProviderArn string
	Tags            []Tag
}

// TagSAMLProvider adds or replaces tags; keys are case-sensitive.
func (a *Account) TagSAMLProvider(in TagSAMLProviderInput) error {
	p, err := a.lookupSAML(in.SAMLProviderArn)
	if err != nil {
		return err
	}
	tags, err := a.tagResource(p.tags, in.Tags, false, "SAMLProvider")
	if err != nil {
		return err
	}
	p.tags = tags
	return nil
}

// UntagSAMLProviderInput is UntagSAMLProvider's request.
type UntagSAMLProviderInput struct {
	SAMLProviderArn string
	TagKeys         []string
}

// UntagSAMLProvider removes tags.
func (a *Account) UntagSAMLProvider(in UntagSAMLProviderInput) error {
	p, err := a.lookupSAML(in.SAMLProviderArn)
	if err != nil {
		return err
	}
	if err := checkTagKeys(in.TagKeys, "tagKeys"); err != nil {
		return err
	}
	p.tags = removeTags(p.tags, in.TagKeys, false)
	return nil
}

// ListSAMLProviderTags lists a SAML provider's tags by key.
func (a *Account) ListSAMLProviderTags(in SAMLProviderInput) (*ListTagsOutput, error) {
	p, err := a.lookupSAML(in.SAMLProviderArn)
	if err != nil {
		return nil, err
	}
	return &ListTagsOutput{Tags: sortedTags(p.tags)}, nil
}
