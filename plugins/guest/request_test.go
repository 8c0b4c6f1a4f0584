package guest

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var requestSeeds = []string{
	`{"value":"10.0.0.0/8","policy":["10.0.0.0/8","192.168.0.0/16"]}`,
	`{"policy":[]}`,
	` { "policy" : [ "a" , "b" ] , "value" : "x" } `,
	`{"value":"caf\u00e9 \"q\" \\ \/ \b\f\n\r\t","policy":["\ud83d\ude00"]}`,
	`{"value":"é😀","policy":[]}`,
	`{"value":null,"policy":null}`,
	`{"value":"a","value":"b","policy":[]}`,
	`{"value":"a","other":1,"policy":[]}`,
	`{"value":"\ud800","policy":[]}`,
	"{\"value\":\"\xff\",\"policy\":[]}",
	`{"value":"a","policy":["x",]}`,
	`{"value":"a"`,
	`[]`,
	``,
}

func TestDecodeRequest(t *testing.T) {
	req, err := decodeRequest([]byte(requestSeeds[3]))
	require.NoError(t, err)
	assert.Equal(t, "café \"q\" \\ / \b\f\n\r\t", *req.Value)
	assert.Equal(t, []string{"😀"}, req.Policy)

	_, ok := fastRequest([]byte(requestSeeds[0]))
	assert.True(t, ok, "the plain form takes the fast path")
	_, ok = fastRequest([]byte(requestSeeds[7]))
	assert.False(t, ok, "other members take the slow path")
}

// FuzzDecodeRequest checks the hand-written reader against encoding/json:
// whenever the fast path accepts a request, encoding/json accepts it too
// and reads the same values.
func FuzzDecodeRequest(f *testing.F) {
	for _, s := range requestSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		fast, ok := fastRequest(b)
		var slow request
		err := json.Unmarshal(b, &slow)
		if !ok {
			return
		}
		if err != nil {
			t.Fatalf("fast path accepted %q, encoding/json did not: %v", b, err)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("%q: fast %+v, encoding/json %+v", b, fast, slow)
		}
	})
}
