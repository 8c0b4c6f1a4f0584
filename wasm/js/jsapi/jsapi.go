//go:build js && wasm

// Package jsapi puts a table of JSON functions on JavaScript's globalThis:
// the one piece of syscall/js that the browser modules (wasm/js and
// wasm/js/lab) share.
//
// Each function takes one JSON string and returns one JSON string; a call
// without arguments passes an empty input (functions that read nothing,
// such as version, are called that way). A call with anything else returns
// an InvalidInput error as a JSON value; nothing is thrown to JavaScript.
package jsapi

import "syscall/js"

// Func is a bridge function: a JSON document in, a JSON document out.
type Func func([]byte) []byte

const invalidInput = `{"ok":false,"error":{"code":"InvalidInput","message":"pass one JSON string"}}`

// Raw is a function that takes JavaScript values as they come (a
// module's bytes, a callback) rather than one JSON string; it must not
// throw either.
type Raw func(args []js.Value) any

// Publish sets globalThis[name] to an object with one JavaScript function
// per entry of fns, then calls globalThis[ready]() when the page defined
// it, so that a loader can await the API.
func Publish(name, ready string, fns map[string]Func) { PublishWith(name, ready, fns, nil) }

// PublishWith is [Publish] with functions that take JavaScript values as
// they come, too.
func PublishWith(name, ready string, fns map[string]Func, raw map[string]Raw) {
	api := js.Global().Get("Object").New()
	for fname, fn := range fns {
		api.Set(fname, js.FuncOf(wrap(fn)))
	}
	for fname, fn := range raw {
		api.Set(fname, js.FuncOf(func(_ js.Value, args []js.Value) any { return fn(args) }))
	}
	js.Global().Set(name, api)
	if hook := js.Global().Get(ready); hook.Type() == js.TypeFunction {
		hook.Invoke()
	}
}

// wrap adapts a bridge function to JavaScript: one string in, one string
// out.
func wrap(fn Func) func(js.Value, []js.Value) any {
	return func(_ js.Value, args []js.Value) any {
		if len(args) == 0 {
			return string(fn(nil))
		}
		if len(args) != 1 || args[0].Type() != js.TypeString {
			return invalidInput
		}
		return string(fn([]byte(args[0].String())))
	}
}
