/// The version both front ends print (`asic --version`, the service's `/healthz` and logs).
package enum AsicVersion {
    package static let string = "0.1.0"
}
