package golden

import (
	"fmt"
	"strings"
)

// Diff returns a unified diff from want to got (three lines of context),
// or "" when they are equal.
func Diff(name, want, got string) string {
	if want == got {
		return ""
	}
	a, b := lines(want), lines(got)
	ops := lcsOps(a, b)
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s (want)\n+++ %s (got)\n", name, name)
	const context = 3
	// Group the edit script into hunks.
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		start := max(i-context, 0)
		end := i
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run-end > 2*context || run == len(ops) {
				end = min(end+context, len(ops))
				break
			}
			end = run
		}
		aStart, bStart, aLen, bLen := ops[start].a, ops[start].b, 0, 0
		for _, op := range ops[start:end] {
			if op.kind != '+' {
				aLen++
			}
			if op.kind != '-' {
				bLen++
			}
		}
		fmt.Fprintf(&out, "@@ -%d,%d +%d,%d @@\n", aStart+1, aLen, bStart+1, bLen)
		for _, op := range ops[start:end] {
			out.WriteByte(op.kind)
			out.WriteString(op.text)
			out.WriteByte('\n')
		}
		i = end
	}
	return out.String()
}

func lines(s string) []string {
	if s == "" {
		return nil
	}
	l := strings.Split(s, "\n")
	if l[len(l)-1] == "" {
		l = l[:len(l)-1]
	} else {
		l[len(l)-1] += " (no newline at the end)"
	}
	return l
}

type diffOp struct {
	kind byte // ' ', '-', '+'
	text string
	a, b int // positions in want and got before this line
}

// lcsOps is the edit script of a longest common subsequence.
func lcsOps(a, b []string) []diffOp {
	n, m := len(a), len(b)
	// Trim the common prefix and suffix, which keeps the table small.
	pre := 0
	for pre < n && pre < m && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < n-pre && suf < m-pre && a[n-1-suf] == b[m-1-suf] {
		suf++
	}
	ma, mb := a[pre:n-suf], b[pre:m-suf]
	t := make([][]int32, len(ma)+1)
	for i := range t {
		t[i] = make([]int32, len(mb)+1)
	}
	for i := len(ma) - 1; i >= 0; i-- {
		for j := len(mb) - 1; j >= 0; j-- {
			if ma[i] == mb[j] {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	var ops []diffOp
	for k := 0; k < pre; k++ {
		ops = append(ops, diffOp{' ', a[k], k, k})
	}
	i, j := 0, 0
	for i < len(ma) || j < len(mb) {
		switch {
		case i < len(ma) && j < len(mb) && ma[i] == mb[j]:
			ops = append(ops, diffOp{' ', ma[i], pre + i, pre + j})
			i++
			j++
		case j < len(mb) && (i == len(ma) || t[i][j+1] > t[i+1][j]):
			ops = append(ops, diffOp{'+', mb[j], pre + i, pre + j})
			j++
		default:
			ops = append(ops, diffOp{'-', ma[i], pre + i, pre + j})
			i++
		}
	}
	for k := 0; k < suf; k++ {
		ops = append(ops, diffOp{' ', a[n-suf+k], n - suf + k, m - suf + k})
	}
	return ops
}
