# Homebrew formula for hstsctl, built from the release tarball that
# `make dist` makes.  To install from a checkout:
#
#   ./configure && make dist
#   brew install --formula ./packaging/hstsctl.rb
#
# (edit url and sha256 for a published release: `shasum -a 256
# hstsctl-VERSION.tar.gz`).
class Hstsctl < Formula
  desc "See and surgically edit the HSTS and certificate trust caches of browsers"
  homepage "https://example.org/hstsctl"
  url "file://#{File.expand_path("../hstsctl-0.2.0.tar.gz", __dir__)}"
  version "0.2.0"
  license "ISC"

  depends_on "pkg-config" => :build
  depends_on "check" => :build # configure requires it (make check)
  depends_on "json-c"
  depends_on "libidn2"
  depends_on "libplist"
  depends_on "libxml2"
  depends_on "openssl@3"

  def install
    system "./configure", "--disable-silent-rules", *std_configure_args
    system "make"
    system "make", "install"
  end

  test do
    assert_match version.to_s, shell_output("#{bin}/hstsctl --version")
    (testpath/"HSTS.plist").write <<~XML
      <?xml version="1.0" encoding="UTF-8"?>
      <plist version="1.0"><dict>
      <key>HSTS Store Schema Version</key><integer>3</integer>
      <key>com.apple.CFNetwork.defaultStorageSession</key><dict>
      <key>dev.example.test</key><dict>
      <key>Create Time</key><real>800000000</real>
      <key>Expiry</key><real>900000000</real>
      <key>HSTS Host</key><true/></dict></dict></dict></plist>
    XML
    assert_match "dev.example.test", shell_output("#{bin}/hstsctl --store #{testpath}/HSTS.plist list")
  end
end
