// The WASI functions a plugin may import (ABI v1, plugins/README.md), with
// the sandboxed meaning the CLI's host gives them: no arguments, no
// environment, a fixed clock, zero random bytes, no files, standard output
// discarded and the first 1 KiB of standard error kept to explain a crash.
// It runs in the plugin worker; jsplugin (Go) calls newWASI for each
// instance.

const ESUCCESS = 0;
const EBADF = 8;
const EINVAL = 28;
const stderrLimit = 1024;

/** Exit is thrown by proc_exit to unwind the plugin's call. */
class Exit extends Error {
  constructor(readonly code: number) {
    super(`the plugin exited with code ${code}`);
  }
}

export interface WASI {
  imports: WebAssembly.Imports;
  /** bind gives the shim the instance's memory, once it exists. */
  bind(memory: WebAssembly.Memory): void;
  /** reset forgets standard error and the exit code, before a call. */
  reset(): void;
  /** stderr is what the plugin wrote to standard error since reset, at most 1 KiB. */
  stderr(): string;
  /** exitCode is proc_exit's code, or null. */
  exitCode(): number | null;
}

export function newWASI(): WASI {
  let memory: WebAssembly.Memory | null = null;
  let stderr = new Uint8Array(0);
  let exit: number | null = null;
  let monotonic = 0n;
  const view = () => new DataView(memory!.buffer);
  const bytes = () => new Uint8Array(memory!.buffer);
  const std = (fd: number) => fd >= 0 && fd <= 2;

  const wasi = {
    args_sizes_get(argc: number, size: number) {
      view().setUint32(argc, 0, true);
      view().setUint32(size, 0, true);
      return ESUCCESS;
    },
    args_get: () => ESUCCESS,
    environ_sizes_get(count: number, size: number) {
      view().setUint32(count, 0, true);
      view().setUint32(size, 0, true);
      return ESUCCESS;
    },
    environ_get: () => ESUCCESS,
    clock_time_get(id: number, _precision: bigint, out: number) {
      if (id === 0) view().setBigUint64(out, 0n, true); // the real-time clock is fixed at 1970-01-01T00:00:00Z
      else if (id === 1) view().setBigUint64(out, (monotonic += 1_000_000n), true); // 1 ms each time it is read
      else return EINVAL;
      return ESUCCESS;
    },
    random_get(buf: number, len: number) {
      bytes().fill(0, buf, buf + len); // deterministic
      return ESUCCESS;
    },
    poll_oneoff(inPtr: number, outPtr: number, n: number, nevents: number) {
      // Every subscription fires at once: nothing waits for real time.
      const v = view();
      for (let i = 0; i < n; i++) {
        const sub = inPtr + i * 48;
        const ev = outPtr + i * 32;
        v.setBigUint64(ev, v.getBigUint64(sub, true), true); // userdata
        v.setUint16(ev + 8, 0, true); // error
        v.setUint8(ev + 10, v.getUint8(sub + 8)); // type
        v.setBigUint64(ev + 16, 0n, true);
        v.setUint16(ev + 24, 0, true);
      }
      v.setUint32(nevents, n, true);
      return ESUCCESS;
    },
    sched_yield: () => ESUCCESS,
    proc_exit(code: number) {
      exit = code;
      throw new Exit(code);
    },
    fd_write(fd: number, iovs: number, count: number, written: number) {
      if (fd !== 1 && fd !== 2) return EBADF;
      const v = view();
      let n = 0;
      for (let i = 0; i < count; i++) {
        const ptr = v.getUint32(iovs + i * 8, true);
        const len = v.getUint32(iovs + i * 8 + 4, true);
        if (fd === 2 && stderr.length < stderrLimit) {
          const keep = bytes().slice(ptr, ptr + Math.min(len, stderrLimit - stderr.length));
          const joined = new Uint8Array(stderr.length + keep.length);
          joined.set(stderr);
          joined.set(keep, stderr.length);
          stderr = joined;
        }
        n += len;
      }
      v.setUint32(written, n, true);
      return ESUCCESS;
    },
    fd_close: (fd: number) => (std(fd) ? ESUCCESS : EBADF),
    fd_fdstat_get(fd: number, out: number) {
      if (!std(fd)) return EBADF;
      const v = view();
      v.setUint8(out, 2); // a character device
      v.setUint16(out + 2, 0, true);
      v.setBigUint64(out + 8, 0n, true);
      v.setBigUint64(out + 16, 0n, true);
      return ESUCCESS;
    },
    fd_fdstat_set_flags: (fd: number) => (std(fd) ? ESUCCESS : EBADF),
    fd_prestat_get: () => EBADF, // no preopened directories: there is no file system
    fd_prestat_dir_name: () => EBADF,
  };

  return {
    imports: { wasi_snapshot_preview1: wasi },
    bind: (m) => (memory = m),
    reset: () => {
      stderr = new Uint8Array(0);
      exit = null;
    },
    stderr: () => new TextDecoder().decode(stderr),
    exitCode: () => exit,
  };
}
