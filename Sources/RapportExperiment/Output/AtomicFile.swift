import Foundation

/// A file Rapport could not write, with the reason in plain words (`Permission denied`,
/// `No space left on device`), never a Foundation error domain and code.
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public init(_ path: String, _ reason: String) {
        self.path = path
        self.reason = reason
    }
    /// An error from the C library's `errno`.
    static func errno(_ path: String, _ what: String = "") -> OutputError {
        let code = Glibc.errno
        return OutputError(path, (what.isEmpty ? "" : what + ": ") + String(cString: strerror(code)))
    }
    public var description: String { "cannot write \(path): \(reason)" }
}

/// Writes files so that a reader never sees half of one, and never replaces what is not a file.
///
/// - A regular file (or a path that does not exist yet) is replaced atomically: the bytes go to a
///   temporary file created exclusively (mkstemp: a fresh name, `O_EXCL`, so a planted symlink
///   cannot redirect the write) in the target's folder, which is then renamed over the target.
/// - A symbolic link to a regular file keeps the link: the file it points to is replaced.
/// - A device, FIFO or socket (`/dev/null`, `/dev/stdout`, a named pipe) is written in place,
///   and a failed write (`/dev/full`) is an error, never a silent success.
/// - A folder is refused.
public enum AtomicFile {
    /// Writes `text` to `path`, creating parent folders.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(utf8: text), to: path)
    }

    /// Writes `data` to `path`, creating parent folders.
    public static func write(_ data: Data, to path: String) throws {
        guard !path.isEmpty else { throw OutputError(path, "the path is empty") }
        var info = stat()
        if lstat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFLNK {
                // Follow the link: write whatever it finally names, keeping the link itself.
                guard let resolved = realpath(path, nil) else {
                    throw OutputError(path, "it is a symbolic link to a missing file; remove the link or choose another path")
                }
                defer { free(resolved) }
                return try write(data, to: String(cString: resolved))
            }
            switch info.st_mode & S_IFMT {
            case S_IFREG: try replace(path, with: data, mode: info.st_mode & 0o7777)
            case S_IFDIR: throw OutputError(path, "it is a folder; give a file name")
            default: try writeInPlace(path, data)
            }
            return
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw OutputError(path, "cannot create the folder \(folder) (\(Self.plainReason(error)))")
            }
        }
        try replace(path, with: data, mode: nil)
    }

    /// Writes to an exclusive temporary file beside `path`, then renames it over `path`.
    private static func replace(_ path: String, with data: Data, mode: mode_t?) throws {
        // Path arithmetic on the string, not through URL: the temporary file only has to be in the
        // same folder, and URL's first use costs two protocol-conformance scans (about 0.8 M instructions).
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var template = Array((folder as NSString).appendingPathComponent(".\(name).XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw OutputError.errno(path) }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        do {
            // mkstemp makes the file private (0600); a report gets the usual permissions, or the
            // permissions of the file it replaces.
            fchmod(fd, mode ?? (0o666 & ~currentUmask))
            try writeAll(fd, data, path: path)
            guard fsync(fd) == 0 else { throw OutputError.errno(path) }
            guard close(fd) == 0 else { throw OutputError.errno(path) }
            // rename(2) replaces the target atomically on the same file system.
            guard rename(temporary, path) == 0 else { throw OutputError.errno(path) }
        } catch {
            close(fd)
            unlink(temporary)   // our own temporary file, never anything else
            throw error
        }
    }

    /// Creates `path` with `text`, failing if anything already exists there (`O_EXCL`): for files
    /// that must never replace one the user has, such as `rapport init`'s starter scenario.
    public static func create(_ text: String, at path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard fd >= 0 else {
            if errno == EEXIST { throw OutputError(path, "a file is already there, and Rapport never replaces it; choose another name") }
            throw OutputError.errno(path)
        }
        do {
            try writeAll(fd, Data(utf8: text), path: path)
            guard close(fd) == 0 else { throw OutputError.errno(path) }
        } catch {
            close(fd)
            unlink(path)   // the half-written file is ours: we just created it
            throw error
        }
    }

    /// Writes into an existing device or pipe, without creating or truncating anything.
    private static func writeInPlace(_ path: String, _ data: Data) throws {
        let fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw OutputError.errno(path) }
        defer { close(fd) }
        try writeAll(fd, data, path: path)
    }

    /// Writes every byte to `fd`, retrying short writes and interruptions.
    public static func writeAll(_ fd: Int32, _ data: Data, path: String) throws {
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if Glibc.errno == EINTR { continue }
                    throw OutputError.errno(path)
                }
                offset += n
            }
        }
    }

    /// The process's file-creation mask (read by setting and restoring it).
    private static var currentUmask: mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }

    /// A Foundation error's underlying POSIX reason, when it has one.
    public static func plainReason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        switch ns.code {
        case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return "Permission denied"
        case NSFileWriteOutOfSpaceError: return "No space left on device"
        case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "No such file or directory"
        case NSFileWriteFileExistsError: return "a file is in the way"
        default: return "error \(ns.code)"
        }
    }
}

extension Data {
    /// The UTF-8 bytes of `text`, copied in one go. `Data(text.utf8)` gives the same bytes, but its
    /// generic initialiser asks at run time whether the view is `ContiguousBytes`, and the first such
    /// cast scans every protocol-conformance record in the binary (about 0.4 M instructions).
    public init(utf8 text: String) {
        var text = text
        self = text.withUTF8 { Data(buffer: $0) }
    }
}
