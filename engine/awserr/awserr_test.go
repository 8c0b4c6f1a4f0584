package awserr

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIsMatchesByCode(t *testing.T) {
	denied := New("AccessDenied", "")
	err := fmt.Errorf("assuming the role: %w", Newf("AccessDenied", "User: %s is not authorized", "alice"))
	assert.True(t, errors.Is(err, denied))
	assert.False(t, errors.Is(err, New("ValidationError", "")))
	assert.False(t, errors.Is(err, New("AccessDenied", "a message makes it no sentinel")))
	assert.Equal(t, "AccessDenied: User: alice is not authorized", errors.Unwrap(err).Error())
}
